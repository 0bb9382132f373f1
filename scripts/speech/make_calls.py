#!/usr/bin/env python3
"""Builds Candor's labeled speech evaluation set as call scripts (the format of
shared/examples/calls.json), to be voiced by shared/tools/synth_calls.py.

Two splits with DISJOINT wordings: every phrase pool below is split by position (even
entries -> tune, odd -> heldout), so the held-out calls say things in words the detectors
were never tuned on. Voices and speeds are drawn by synth_calls.py (4 agent, 5 consumer voices).

A third split, `fresh` (seed 303), uses the FRESH pools: wordings written for the issue-6 recall
work before any result on them was seen, so neither tune nor heldout wordings appear in it.

A fourth split, `fresh2` (seed 404, call ids g000...), uses the FRESH2 pools: a second set of new
wordings for a second blind run; written only when N_FRESH2 is given.

A fifth split, `fresh3` (seed 505, call ids h000...), uses the FRESH3 pools: a third set of new
wordings for a third blind run; written only when N_FRESH3 is given.

usage: make_calls.py OUTDIR [N_TUNE N_HELDOUT N_FRESH [N_FRESH2 [N_FRESH3]]]
       -> OUTDIR/tune.json, OUTDIR/heldout.json, OUTDIR/fresh.json [, OUTDIR/fresh2.json [, OUTDIR/fresh3.json]]
"""
import json, os, random, sys

NAMES = ["John Carter", "Maria Lopez", "David Kim", "Linda Brooks", "James Wilson", "Sarah Patel"]
AGENCIES = ["Lakeside Collections", "Northgate Recovery", "Summit Financial Services", "Bayview Accounts"]

GREET = ["Good morning, this is {a} calling for {n}.", "Hello, may I speak with {n}? This is {a}.",
         "Hi, this is Tom from {a}.", "Good afternoon, you have reached {a}.",
         "Hello {n}, my name is Karen with {a}.", "Hi, I am calling from {a} for {n}."]
RECORDING = ["This call is recorded.", "Please know this call may be recorded.",
             "This call is being recorded for quality purposes.", "Just so you know, our conversation is recorded.",
             "You are on a recorded line.", "I need to let you know that this call is recorded and monitored."]
MINI_MIRANDA = ["This is an attempt to collect a debt.", "We are a debt collector.",
                "This is an attempt to collect a debt and any information obtained will be used for that purpose.",
                "I am a debt collector attempting to collect a debt.", "This communication is from a debt collector.",
                "This is a debt collector, and this is an attempt to collect a debt."]
NEUTRAL_AGENT = ["I am calling about your account balance with us.", "Can we talk about setting up a plan today?",
                 "I understand. Let me see what options we have.", "Thank you for taking my call.",
                 "Let us find something that works for you.", "I can note that on your file."]
NEUTRAL_CONSUMER = ["Okay, go ahead.", "What is this about?", "Yes, this is me.", "Alright, I am listening.",
                    "Who is calling?", "Sure, what do you need?"]

AGENT_CODES = {
    "THREAT_ARREST": ["If you do not pay today we will have you arrested.", "You could go to jail for this.",
                      "The sheriff will come and take you to jail.", "Not paying a debt is a crime, you know.",
                      "We will file criminal charges against you.", "The police will be at your door tonight."],
    "THREAT_LEGAL_ACTION": ["We will sue you if we do not get a payment.", "We are going to take you to court.",
                            "We will garnish your wages next month.", "We can seize your car.",
                            "A lawsuit will be filed against you this week.", "Your house could be repossessed."],
    "THREAT_HARM": ["You will regret this, we know where you live.", "Something bad will happen to you if you do not pay.",
                    "We will tell your neighbors and your employer about this.", "Someone might get hurt.",
                    "We will ruin your reputation in this town.", "Watch your back."],
    "ABUSIVE_LANGUAGE": ["Listen, you stupid deadbeat, pay what you owe.", "What the hell is wrong with you?",
                         "You are a worthless liar.", "Shut up and listen to me, you idiot.",
                         "Stop being so damn lazy and pay.", "You are pathetic, you know that?"],
    "FALSE_AFFILIATION": ["I am an attorney and I represent the creditor.", "I am calling from the police department.",
                          "This is the law office handling your file.", "I work with the government on these cases.",
                          "I am a lawyer and this is your last warning.", "This is a federal agency calling."],
}
CONSUMER_CODES = {
    "CONSUMER_CEASE_REQUEST": ["Stop calling me.", "Do not call me again.", "I want you to stop contacting me.",
                               "Please leave me alone and never call again.", "Take me off your list.",
                               "Quit calling me, I mean it."],
    "CONSUMER_ATTORNEY": ["Talk to my lawyer.", "I have an attorney, call him.", "My attorney is handling this.",
                          "I am represented by a lawyer now.", "You need to speak with my lawyer.",
                          "Please contact my attorney instead."],
    "CONSUMER_BANKRUPTCY": ["I filed for bankruptcy last month.", "I am in bankruptcy.", "I declared bankruptcy in March.",
                            "My bankruptcy case is still open.", "I went bankrupt last year.",
                            "I am filing for bankruptcy next week."],
    "CONSUMER_DISPUTE": ["This is not my debt.", "I do not owe this.", "The amount is wrong.", "I never opened that account.",
                         "I already paid this off.", "Somebody stole my identity, that is not mine."],
    "CONSUMER_HARDSHIP": ["I lost my job last month.", "I got laid off and I cannot afford anything.",
                          "I have huge medical bills right now.", "I was in the hospital for weeks.",
                          "I am unemployed and behind on rent.", "I am on disability and barely getting by."],
    "CONSUMER_INCONVENIENT_TIME": ["Do not call me at work.", "Please do not call me during the day.",
                                   "I cannot talk at my job.", "Only call me in the evening.",
                                   "This is a bad time, I am at work.", "Do not call me before nine in the morning."],
    "CONSUMER_ABUSE": ["You people are a bunch of crooks.", "Shut up, you idiot.", "Go to hell.", "You are all thieves.",
                       "You stupid vultures.", "You are a liar and a leech."],
    "PROMISE_TO_PAY": ["I can pay fifty dollars on Friday.", "I will send one hundred dollars next Monday.",
                       "I can pay twenty five dollars tomorrow.", "I will make a payment of forty dollars on the fifteenth.",
                       "I promise to pay seventy dollars next week.", "I can do sixty dollars this Friday."],
}
THIRD_PARTY_CUE = ["He is not here right now, this is his wife.", "You have the wrong number.",
                   "She is not home, I am her roommate.", "Nobody by that name lives here.",
                   "This is his brother, he is not available.", "I am her mother, she does not live here."]
THIRD_PARTY_LEAK = ["Well, tell him he owes us eight hundred dollars on a past due account.",
                    "She has an overdue balance with us that she needs to pay.",
                    "Let him know his debt is seriously past due.", "Tell her she owes four hundred dollars.",
                    "His account is in collections and he needs to pay the balance.",
                    "She owes a debt to our client, please have her call."]


# Third pool, written before any result on it was seen (2026-11-29, issue 6 recall work):
# wordings that appear in neither tune nor heldout, for every pool, voiced with a new seed.
# It is run once, at the end; the phrase table is never changed after seeing its errors.
FRESH = {
    "GREET": ["Hey there, {n}? It is Mike over at {a}.", "Good evening, I am trying to reach {n}, this is Paula from {a}.",
              "Morning, {a} here, looking for {n}.", "Hi {n}, this is Rachel, I work for {a}.",
              "Hello, {a} calling, is {n} available?", "Hi, it's Steve with {a}, how are you today?"],
    "RECORDING": ["Before we start, this call is being recorded.", "Calls on this line are recorded and may be monitored.",
                  "Just a heads up, I'm recording this call.", "For training purposes this conversation may be recorded.",
                  "Please be aware we record all of our calls.", "This phone call is being recorded and monitored."],
    "MINI_MIRANDA": ["This is a communication from a debt collector.", "I'm calling from a debt collection agency about a debt.",
                     "We're attempting to collect a debt, and anything you tell me will be used for that purpose.",
                     "This call is an attempt to collect a debt.",
                     "As a debt collector, I'm required to tell you this is an attempt to collect a debt.",
                     "I'm with a collection agency trying to collect a debt you owe."],
    "NEUTRAL_AGENT": ["Do you have a moment to go over your account?", "Okay, I'll make a note of that.",
                      "What would work best for you?", "Let me pull up your file real quick.",
                      "I appreciate you talking with me.", "We have a few payment options available."],
    "NEUTRAL_CONSUMER": ["Yeah, who's this?", "Uh huh, okay.", "What's this regarding?", "Speaking.", "Yes, go on.",
                         "Alright, what do you want?"],
    "THREAT_ARREST": ["If this isn't paid, a warrant will be issued for your arrest.", "You'll end up in jail if you keep ignoring us.",
                      "We can have the police pick you up at your house.", "Skipping out on this debt is a criminal offense.",
                      "Keep this up and you'll be locked up.", "We're going to press charges against you."],
    "THREAT_LEGAL_ACTION": ["We're prepared to file a lawsuit against you.", "Our next step is taking legal action.",
                            "We'll get a judgment and garnish your paycheck.", "You'll be served with court papers.",
                            "We'll put a lien on your house.", "We will take you to small claims court."],
    "THREAT_HARM": ["You'd better pay up or you'll get hurt.", "We'll make your life miserable.",
                    "It'd be a shame if something happened to your car.",
                    "We'll let everyone at your job know you don't pay your bills.",
                    "People who don't pay us tend to have accidents.", "I'll come over there and deal with you myself."],
    "ABUSIVE_LANGUAGE": ["You're a lying piece of garbage.", "Don't be such a moron.", "You're nothing but a bum who doesn't pay.",
                         "Quit whining, you loser.", "Are you too dumb to understand this?", "What a useless excuse for a person."],
    "FALSE_AFFILIATION": ["This is Officer Davis with the county police.", "I'm calling on behalf of the district attorney.",
                          "I'm a paralegal at the law office of Smith and Jones.", "This is the legal department at our law firm.",
                          "I'm an investigator with the state attorney general.", "We're calling from the IRS about your account."],
    "CONSUMER_CEASE_REQUEST": ["I don't want any more calls from you.", "Stop phoning me, please.", "Don't ever call this number again.",
                               "Please stop calling my house.", "I'm asking you to cease all contact with me.",
                               "Put me on your do not call list."],
    "CONSUMER_ATTORNEY": ["My lawyer will be in touch with you.", "I've hired an attorney to deal with this.",
                          "Call my attorney, not me.", "You can talk to my legal counsel.",
                          "I've got a lawyer now, so go through him.", "My attorney told me not to talk to you."],
    "CONSUMER_BANKRUPTCY": ["I filed Chapter 7 back in January.", "I'm going through bankruptcy right now.",
                            "This debt was discharged in my bankruptcy.", "We filed a bankruptcy petition last week.",
                            "I'm in Chapter 13.", "I had to declare bankruptcy."],
    "CONSUMER_DISPUTE": ["I don't recognize this debt at all.", "That's not my account.", "I never borrowed any money from them.",
                         "I want you to send me proof that I owe this.", "That balance isn't right, it's way too high.",
                         "I paid that bill years ago.", "I'm disputing this debt."],
    "CONSUMER_HARDSHIP": ["I've been out of work since spring.", "My husband passed away and money is really tight.",
                          "I'm on a fixed income and can't pay that.", "I just had surgery and I'm not working.",
                          "I can barely pay for groceries right now.", "My hours got cut and I'm struggling."],
    "CONSUMER_INCONVENIENT_TIME": ["Don't call me while I'm working.", "You can't call me at my office.",
                                   "Call me after six, not before.", "Mornings are no good for me, I work nights.",
                                   "Please don't call me on the weekend.", "I'm at work right now, I can't talk."],
    "CONSUMER_ABUSE": ["You're a bunch of scammers.", "Get lost, you jerk.", "You're a pathetic little man.",
                       "What a joke, you clowns.", "Screw you and your company.", "You're nothing but a con artist."],
    "PROMISE_TO_PAY": ["I'll pay thirty dollars on Thursday.", "I can get you eighty dollars by the end of the month.",
                       "I'll put two hundred dollars down on the first.", "Let me pay forty five dollars next Wednesday.",
                       "I can send ninety dollars tomorrow morning.", "Okay, I'll pay the full balance on Monday."],
    "THIRD_PARTY_CUE": ["Sorry, he's at work, I'm his son.", "There's no one here by that name.", "She moved out months ago.",
                        "This is his girlfriend, can I take a message?", "I think you've got the wrong person.",
                        "I'm her husband, she's in the shower."],
    "THIRD_PARTY_LEAK": ["Can you tell him he's behind on his payments?", "She needs to pay the nine hundred dollars she owes.",
                         "Please let him know we're collecting on his credit card debt.", "Her loan is three months delinquent.",
                         "Let her know her account has been sent to collections.",
                         "He owes two thousand dollars and it needs to be paid."],
}


# Fourth pool, `fresh2` (seed 404), written 2026-11-29 for a second blind evaluation before any
# result on it was seen: new wordings for every FRESH pool, none copied from tune/heldout/fresh,
# phrased the way collectors and consumers actually talk on the phone (indirect, conversational).
FRESH2 = {
    "GREET": ["Yeah hi, is this {n}? My name's Dana, I'm calling from {a}.",
              "Hi there, I'm looking for a {n}, this is Victor at {a}.",
              "Hello, could I get {n} on the line? It's Beth from {a}.",
              "Good morning, {n}, Carlos here from {a}, got a minute?",
              "Hi, {a} calling, am I speaking with {n}?",
              "Hey, hope I caught you at an okay time, this is Jen from {a} for {n}.",
              "Afternoon, trying to get hold of {n}, I'm with {a}."],
    "RECORDING": ["Quick note, everything on this line gets recorded.",
                  "I should mention we're recording this conversation.",
                  "Heads up, this conversation's being taped for our records.",
                  "Our calls are recorded, just so you're aware.",
                  "For your protection and ours, this call's being recorded.",
                  "Let me just say up front that I'm recording this.",
                  "This line is monitored and recorded."],
    "MINI_MIRANDA": ["I have to tell you I'm a debt collector and I'm calling to collect a debt.",
                     "This is a collection call regarding a debt, and whatever you share will be used to collect it.",
                     "By law I have to let you know this is an attempt to collect a debt.",
                     "We're a collection agency and this call is about collecting a debt.",
                     "I'm calling as a debt collector about an outstanding debt, and any information will be used for that.",
                     "Just so you know, you're speaking with a debt collector trying to collect a debt.",
                     "This is a debt collection call."],
    "NEUTRAL_AGENT": ["Can I just confirm your mailing address?", "Bear with me one second while the system loads.",
                      "Sure, take your time.", "Would a monthly arrangement be easier for you?",
                      "Got it, let me write that down.", "Is this still the best number to reach you on?",
                      "No problem at all, I hear you."],
    "NEUTRAL_CONSUMER": ["Hang on, let me turn the TV down.", "Mm hmm.", "Okay, what's going on?",
                         "Who did you say you were with?", "Yep, that's me.", "Sorry, you're breaking up a bit, go ahead.",
                         "Okay, I'm here."],
    "THREAT_ARREST": ["Honestly, the cops could be knocking on your door by Friday.",
                      "You want to spend the night behind bars over this?",
                      "There'll be handcuffs involved if this stays unpaid.",
                      "What you're doing counts as theft, and people get prosecuted for it.",
                      "We can get a bench warrant out on you.",
                      "Keep dodging this and you'll walk away with a criminal record.",
                      "I'll have a deputy come out and haul you in."],
    "THREAT_LEGAL_ACTION": ["We're about to hand your file over for litigation.",
                            "Don't be surprised when a process server shows up at your door.",
                            "We'll go after your bank account with a levy.",
                            "If we don't settle this, we'll see you in front of a judge.",
                            "Your employer will be getting a wage garnishment order.",
                            "The truck's going to get towed back to the lender.",
                            "We'll be filing suit in civil court by the end of the month."],
    "THREAT_HARM": ["I'd hate for your kids to find out what kind of person you are.",
                    "Things could get real ugly for you.",
                    "Maybe your tires end up slashed one night, who knows.",
                    "We'll post your name all over social media so everybody knows you don't pay.",
                    "I've got guys who can pay you a visit.",
                    "Your whole family's going to hear about this from us.",
                    "You won't like what happens next, trust me."],
    "ABUSIVE_LANGUAGE": ["Oh give me a break, you freeloader.", "You're a total clown, you know that?",
                         "Stop crying like a baby and cough up the money.", "What kind of scumbag doesn't pay his bills?",
                         "Are you brain dead or something?", "You people are trash, honestly.",
                         "Quit wasting my time, you dimwit."],
    "FALSE_AFFILIATION": ["I'm calling from the sheriff's office about your file.",
                          "This is Detective Morgan with the fraud unit.",
                          "I'm an attorney with the firm that holds your account.",
                          "Our legal team here at the courthouse has your case.",
                          "I'm with the Department of Justice collections division.",
                          "This is the county court clerk's office calling.",
                          "I work for the Treasury Department."],
    "CONSUMER_CEASE_REQUEST": ["I'm done with these calls, don't phone me anymore.",
                               "Lose my number, okay?", "Any further contact needs to stop, I mean it.",
                               "Write me a letter if you want, but no more phone calls.",
                               "I'm telling you to quit contacting me, period.",
                               "Don't reach out to me again about this.",
                               "Remove my number from your system."],
    "CONSUMER_ATTORNEY": ["My lawyer's name is Janet Fields, you can call her.",
                          "I've got legal representation on this, so you'll be hearing from them.",
                          "Everything goes through my attorney from now on.",
                          "I retained a law firm to handle this account.",
                          "My counsel advised me not to discuss this, talk to him.",
                          "You'll need to contact my lawyer's office about that.",
                          "I'm working with an attorney on all my debts."],
    "CONSUMER_BANKRUPTCY": ["I'm going through a Chapter 13 right now.", "This got included in my bankruptcy filing.",
                            "My bankruptcy trustee has all of that.", "There's an automatic stay, I'm in bankruptcy.",
                            "I already went through bankruptcy, that debt is wiped out.",
                            "My case number with the bankruptcy court is on the letter I sent.",
                            "We're in a Chapter 7, it was filed in June."],
    "CONSUMER_DISPUTE": ["I have no idea what this is, it's not mine.", "That number's way off, I only owed like two hundred.",
                         "I closed that card years ago and paid it off.", "Send me something in writing, I'm not agreeing this is mine.",
                         "That must be a different person with my name.", "I've never had an account with that company.",
                         "I think this was already settled, I'm contesting it."],
    "CONSUMER_HARDSHIP": ["I was let go from the plant in August.", "My wife has cancer and every dime goes to her treatment.",
                          "I'm on social security and there's nothing left at the end of the month.",
                          "Ever since the accident I haven't been able to work.",
                          "I'm a single mom with three kids and I'm barely keeping the lights on.",
                          "They closed the store I worked at and I'm still looking for something.",
                          "I'm choosing between rent and my medication right now."],
    "CONSUMER_INCONVENIENT_TIME": ["Don't ring me at the office.", "Weekdays are no good, I'm on shift till five.",
                                   "My boss doesn't let me take personal calls, so not while I'm working.",
                                   "Call after the kids are in bed, around eight.",
                                   "I sleep during the day, I work the graveyard shift.",
                                   "Can you try me on Saturdays instead? Weekdays I'm at work.",
                                   "Lunchtime calls are a problem for me, I'm on the floor."],
    "CONSUMER_ABUSE": ["You're a bunch of bloodsuckers.", "Drop dead.", "What a scumbag outfit you are.",
                       "Go to hell, you parasite.", "You're all a pack of liars and cheats.",
                       "Kiss my butt, you moron.", "You're lower than dirt."],
    "PROMISE_TO_PAY": ["I get paid on the twentieth, I can send you a hundred and fifty then.",
                       "Put me down for thirty five dollars this Saturday.",
                       "I'll have sixty dollars for you on the third.",
                       "Okay, I'll mail a check for two hundred and fifty dollars next Tuesday.",
                       "I can do twenty dollars every Friday starting this week.",
                       "Let me give you seventy five dollars on payday, that's the twelfth.",
                       "I'll pay five hundred dollars at the end of next month."],
    "THIRD_PARTY_CUE": ["This is her sister, she's not around.", "He passed the phone to me, I'm just his coworker.",
                        "You've reached a business, there's no one by that name.", "I'm his landlord, he moved out.",
                        "She's my daughter, she's at school right now.", "Wrong house, buddy, I just bought this place.",
                        "I'm the neighbor, I'm just watching the place for him."],
    "THIRD_PARTY_LEAK": ["Could you remind him he's got six hundred dollars past due with us?",
                         "Tell her the collection account on her car loan needs to be handled.",
                         "He's way behind on a medical bill we're collecting.",
                         "Just have her know she still owes the full balance on her store card.",
                         "His unpaid debt is with us now, so he needs to call.",
                         "She's got a delinquent account of about fifteen hundred dollars.",
                         "Let him know we're collecting the money he owes on his old phone bill."],
}


# Fifth pool, `fresh3` (seed 505, call ids h000...), written 2026-11-29 for a third blind evaluation
# before any result on it was seen: 7 new wordings for every pool, none equal to a tune/heldout/fresh/
# fresh2 line, in conversational phone speech (often indirect); each line carries only its own label.
FRESH3 = {
    "GREET": ["Hi, good morning, I'm trying to reach {n}, my name is Alan and I'm calling with {a}.",
              "Hello, this is Monica returning a message for {n}, I'm over at {a}.",
              "Hey {n}, it's Gary from {a}, how's your day going?",
              "Hi, could you put {n} on for me? This is Teresa at {a}.",
              "Good evening, sorry to bother you, is {n} home? I'm calling from {a}.",
              "Hi, yes, {a} here, my name is Luis, I was hoping to speak to {n}.",
              "Hello there, am I talking to {n}? It's Nicole, {a}."],
    "RECORDING": ["Before anything else, you should know this call is being recorded.",
                  "Our conversation today will be recorded.",
                  "I'm required to tell you we record these calls.",
                  "Everything we say here is going on a recording.",
                  "Just letting you know this call's recorded for accuracy.",
                  "Just so it's clear, we keep a recording of every call.",
                  "This conversation may be recorded and reviewed by a supervisor."],
    "MINI_MIRANDA": ["I'm calling from a collection agency, and this is an attempt to collect a debt.",
                     "This call is from a debt collector, and anything you tell me will be used to collect the debt.",
                     "I need to inform you that I am a debt collector.",
                     "We collect debts, and this call is an attempt to collect one.",
                     "You've reached a debt collector, and we are trying to collect a debt.",
                     "This is a debt collection agency attempting to collect a debt, any information will be used for that purpose.",
                     "Federal law requires me to say this is a call from a debt collector."],
    "NEUTRAL_AGENT": ["Let me just verify your date of birth.", "Okay, I'm looking at your account now.",
                      "Would the end of the month work better for you?", "Thanks for being patient with me.",
                      "I can send you a statement by email if you like.", "Alright, I'll update your phone number.",
                      "Okay, let's see what we can work out together."],
    "NEUTRAL_CONSUMER": ["Hold on, let me grab a pen.", "Yeah, this is she.", "Okay, what can I do for you?",
                         "Sorry, who is this again?", "Uh, okay, I guess.", "Right, I'm listening.",
                         "Hmm, okay, keep going."],
    "THREAT_ARREST": ["If you don't take care of this, you're going to be arrested.",
                      "I can have a squad car sent to your address today.",
                      "This is the kind of thing people do jail time for.",
                      "We'll be referring this to the prosecutor's office.",
                      "You could be looking at a fraud charge if this isn't paid.",
                      "The police are going to get involved if we don't hear from you.",
                      "You'll be spending time in a cell if you keep ignoring this."],
    "THREAT_LEGAL_ACTION": ["We'll be forced to take this to court if you don't pay.",
                            "We're going to pursue a judgment against you.",
                            "They'll start taking money straight out of your paycheck.",
                            "We can freeze your bank account.",
                            "We'll have the car repossessed by next week.",
                            "You'll be getting a summons in the mail soon.",
                            "The next step is legal proceedings against you."],
    "THREAT_HARM": ["We know where your kids go to school.", "You'd better watch yourself.",
                    "We'll make sure everyone at your church hears about your debts.",
                    "Something might happen to your house if you don't pay.",
                    "I'll personally make you sorry you ever ignored us.",
                    "Your family could get hurt over this.",
                    "We can make things very painful for you."],
    "ABUSIVE_LANGUAGE": ["You're a joke of a human being.", "Stop acting like a spoiled brat and pay up.",
                         "What a lowlife.", "Are you really this stupid?", "Nobody likes a cheapskate like you.",
                         "Quit lying to me, you clown.", "You're a disgrace, honestly."],
    "FALSE_AFFILIATION": ["I'm calling from the state police fraud division.",
                          "This is the office of the county prosecutor.",
                          "I'm a licensed attorney handling your account.",
                          "This is Agent Brown with the Federal Bureau of Investigation.",
                          "We're the legal division of the superior court.",
                          "I'm calling from the Social Security Administration about your file.",
                          "I work at a law firm that represents your creditor."],
    "CONSUMER_CEASE_REQUEST": ["I'm asking you nicely, stop calling this number.", "Please don't contact me anymore.",
                               "I don't want to hear from your company ever again.",
                               "Take my number off your list, I'm serious.", "No more calls, alright? I'm done.",
                               "Stop bothering me with these phone calls.",
                               "I'm formally requesting that you stop all communication with me."],
    "CONSUMER_ATTORNEY": ["I have a lawyer handling all of this.",
                          "You need to talk to my attorney, his number is on file.",
                          "My legal aid lawyer said to send everything to her.",
                          "Please direct any questions to my attorney.",
                          "I've got counsel representing me on this.",
                          "My lawyer is going to call you back about it.",
                          "I hired a debt attorney last week."],
    "CONSUMER_BANKRUPTCY": ["I filed bankruptcy back in the spring.", "That account is part of my Chapter 7.",
                            "I'm under bankruptcy protection right now.", "My bankruptcy was discharged last year.",
                            "I've got a bankruptcy hearing next month.", "We're in the middle of a Chapter 13 plan.",
                            "That was all wiped out when I went bankrupt."],
    "CONSUMER_DISPUTE": ["I don't think I owe you anything.", "That account doesn't belong to me.",
                         "The balance you're quoting is wrong.", "I paid this in full two years ago.",
                         "I've never heard of this company.", "Someone must have opened that in my name.",
                         "I want to dispute this charge."],
    "CONSUMER_HARDSHIP": ["I'm out of work right now.", "My medical bills are through the roof.",
                          "I hurt my back and I haven't worked in months.", "Money's really tight since my divorce.",
                          "I just don't have it, I'm living paycheck to paycheck.",
                          "My son is sick and I had to stop working to take care of him.",
                          "We're about to get evicted, I can't afford anything else."],
    "CONSUMER_INCONVENIENT_TIME": ["Please don't call me when I'm at work.", "I can't take calls on the job.",
                                   "Could you call in the evenings instead?", "Don't call before noon, I work overnight.",
                                   "It's not a good time, I'm at my desk at work.", "Only call me on weekends, please.",
                                   "I can't talk during business hours."],
    "CONSUMER_ABUSE": ["You're nothing but a thief.", "Up yours, buddy.", "You greedy leeches.", "What an idiot you are.",
                       "You're scum, all of you.", "You're a creep, you know that?", "You sleazy crook."],
    "PROMISE_TO_PAY": ["I can pay you a hundred dollars this Friday.", "I'll send forty dollars on the first of the month.",
                       "Let me pay twenty five dollars next Tuesday.",
                       "I can give you three hundred dollars when my tax refund comes in March.",
                       "I'll make a fifty dollar payment tomorrow.", "Okay, sign me up for eighty dollars on the tenth.",
                       "I'll pay the whole balance next Friday."],
    "THIRD_PARTY_CUE": ["He doesn't live here anymore, I'm his ex-wife.", "This is her dad, she's out right now.",
                        "Sorry, I think you dialed the wrong number.", "I'm just the babysitter, nobody else is home.",
                        "He's my tenant, he's not in.", "This is his cousin, he's not here.",
                        "I'm her grandmother, she's away at college."],
    "THIRD_PARTY_LEAK": ["Can you let him know he has a past due balance of seven hundred dollars?",
                         "Tell her we're calling about the money she owes on her credit card.",
                         "He owes us for an old medical bill, please have him call.",
                         "She's behind on her car payments, and the account is in collections.",
                         "Just pass along that his debt with us is still unpaid.",
                         "Her balance of twelve hundred dollars is overdue.",
                         "He needs to call us about the debt he owes."],
}


def pool(items, split):
    if split == "fresh":
        return FRESH[POOL_NAMES[id(items)]]
    if split == "fresh2":
        return FRESH2[POOL_NAMES[id(items)]]
    if split == "fresh3":
        return FRESH3[POOL_NAMES[id(items)]]
    return items[0::2] if split == "tune" else items[1::2]


POOL_NAMES = {id(v): k for k, v in [("GREET", GREET), ("RECORDING", RECORDING), ("MINI_MIRANDA", MINI_MIRANDA),
                                    ("NEUTRAL_AGENT", NEUTRAL_AGENT), ("NEUTRAL_CONSUMER", NEUTRAL_CONSUMER),
                                    ("THIRD_PARTY_CUE", THIRD_PARTY_CUE), ("THIRD_PARTY_LEAK", THIRD_PARTY_LEAK),
                                    *AGENT_CODES.items(), *CONSUMER_CODES.items()]}


def make_call(rng, cid, split):
    P = lambda items: rng.choice(pool(items, split))
    n, a = rng.choice(NAMES), rng.choice(AGENCIES)
    turns, labels = [], set()
    opening = [P(GREET).format(n=n, a=a)]
    third_party = rng.random() < 0.12
    if third_party:
        turns.append(["agent", opening[0]])
        turns.append(["consumer", P(THIRD_PARTY_CUE)])
        turns.append(["agent", P(THIRD_PARTY_LEAK)])
        labels.add(("agent", "THIRD_PARTY_DISCLOSURE"))
        turns.append(["consumer", P(NEUTRAL_CONSUMER)])
        return {"id": cid, "turns": turns, "labels": sorted(map(list, labels))}
    if rng.random() < 0.8:
        opening.append(P(RECORDING)); labels.add(("agent", "DISCLOSURE_RECORDING"))
    if rng.random() < 0.8:
        opening.append(P(MINI_MIRANDA)); labels.add(("agent", "DISCLOSURE_MINI_MIRANDA"))
    turns.append(["agent", " ".join(opening)])
    ccodes = rng.sample(sorted(CONSUMER_CODES), rng.choice([0, 1, 1, 2]))
    first = ccodes[:1]
    turns.append(["consumer", " ".join([P(CONSUMER_CODES[c]) for c in first]) or P(NEUTRAL_CONSUMER)])
    acodes = rng.sample(sorted(AGENT_CODES), 1) if rng.random() < 0.45 else []
    turns.append(["agent", " ".join([P(AGENT_CODES[c]) for c in acodes]) or P(NEUTRAL_AGENT)])
    rest = ccodes[1:]
    turns.append(["consumer", " ".join([P(CONSUMER_CODES[c]) for c in rest]) or P(NEUTRAL_CONSUMER)])
    labels |= {("agent", c) for c in acodes} | {("consumer", c) for c in ccodes}
    out = {"id": cid, "turns": turns, "labels": sorted(map(list, labels))}
    missing = [c for c in ("DISCLOSURE_MINI_MIRANDA", "DISCLOSURE_RECORDING") if ("agent", c) not in labels]
    if missing:
        out["missing"] = missing
    return out


def main(outdir, n_tune=30, n_heldout=40, n_fresh=120, n_fresh2=0, n_fresh3=0):
    os.makedirs(outdir, exist_ok=True)
    for split, n, seed in (("tune", n_tune, 101), ("heldout", n_heldout, 202), ("fresh", n_fresh, 303),
                           ("fresh2", n_fresh2, 404), ("fresh3", n_fresh3, 505)):
        if split in ("fresh2", "fresh3") and not n:
            continue
        rng = random.Random(seed)
        prefix = {"fresh2": "g", "fresh3": "h"}.get(split, split[0])
        calls = [make_call(rng, f"{prefix}{i:03d}", split) for i in range(n)]
        json.dump(calls, open(os.path.join(outdir, f"{split}.json"), "w"), indent=1)
        counts = {}
        for c in calls:
            for _, code in c["labels"]:
                counts[code] = counts.get(code, 0) + 1
        print(split, len(calls), "calls;", dict(sorted(counts.items())))


if __name__ == "__main__":
    a = sys.argv[1:]
    main(a[0], *(int(x) for x in a[1:6]))
