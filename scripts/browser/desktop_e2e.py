#!/usr/bin/env python3
"""The collector's day in a headless Chromium (selenium): sign in, open an account, record a
promise to pay, post a bank payment, and see the ledger, balance and promise change.
Every step uses the server-rendered forms; the browser only types and clicks.
Usage: desktop_e2e.py BASE_URL USER PASSWORD CHROMIUM CHROMEDRIVER"""
import datetime
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

base, user, password, chrome, driver_path = sys.argv[1:6]
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
        print(f"ok - {what}")
    else:
        failed += 1
        print(f"FAILED - {what}")


for _ in range(150):
    try:
        urllib.request.urlopen(base + "/health", timeout=1)
        break
    except OSError:
        time.sleep(0.1)

options = webdriver.ChromeOptions()
options.binary_location = chrome
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,2000"):
    options.add_argument(arg)
browser = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
browser.implicitly_wait(5)


def submit(button):
    """Click a form's button and wait for the next page: until then the old page (and its
    notice) is still there to be found."""
    browser.execute_script("window.candorOldPage = true")
    button.click()

    def next_page_loaded(driver):
        try:  # while the browser navigates, a script may find no document at all
            return driver.execute_script("return window.candorOldPage !== true && document.readyState === 'complete'")
        except WebDriverException:
            return False

    WebDriverWait(browser, 15).until(next_page_loaded)


try:
    browser.get(base + "/accounts")
    check("/sign-in" in browser.current_url, "an anonymous visit is sent to the sign-in page")
    browser.find_element(By.NAME, "username").send_keys(user)
    browser.find_element(By.NAME, "password").send_keys(password)
    submit(browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    check("/accounts" in browser.current_url and "Sign in" not in browser.title, "signed in, the accounts list opens")

    submit(browser.find_element(By.LINK_TEXT, "Maria Lopez"))
    check("Maria Lopez" in browser.find_element(By.TAG_NAME, "h1").text, "the account page opens")
    check("$105.25" in browser.find_element(By.CLASS_NAME, "balance").text, "the balance is $105.25")

    # Record a promise of $40 due in three days.
    due = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    Select(browser.find_element(By.ID, "disposition")).select_by_value("promise")
    Select(browser.find_element(By.ID, "phone")).select_by_index(1)
    browser.find_element(By.ID, "promise_amount").send_keys("40.00")
    # A date input takes keys in the browser's locale; set its ISO value as a person's picker would.
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, "promise_due_date"), due)
    submit(browser.find_element(By.ID, "save-disposition"))
    check("Disposition recorded." in browser.find_element(By.ID, "notice").text, "the disposition is recorded")
    promises = browser.find_element(By.ID, "promises").find_element(By.XPATH, "..").text
    check("$40.00" in promises and "pending" in promises, "the promise is listed as pending")
    history = browser.find_element(By.ID, "history").find_element(By.XPATH, "..").text
    check("Promise to pay" in history, "the contact history shows the promise")

    def pay(amount, recording):
        """Fill the payment form with a bank debit authorized on this call (TEL), dated today."""
        for field, value in (("payment_amount", amount), ("holder_name", "Maria Lopez"), ("routing_number", "011000015"),
                             ("account_number", "000123456789"), ("recording_reference", recording)):
            browser.find_element(By.ID, field).send_keys(value)
        submit(browser.find_element(By.ID, "post-payment"))

    pay("40.00", "REC-E2E-1")
    check("Payment posted." in browser.find_element(By.ID, "notice").text, "the payment is posted")
    check("$65.25" in browser.find_element(By.CLASS_NAME, "balance").text, "the balance drops to $65.25")
    ledger = browser.find_element(By.ID, "ledger").find_element(By.XPATH, "..").text
    check("payment" in ledger and "-$40.00" in ledger and "$65.25" in ledger, "the ledger shows the payment and the new balance")
    promises = browser.find_element(By.ID, "promises").find_element(By.XPATH, "..").text
    check("kept" in promises, "the promise is kept by the payment")
    payments = browser.find_element(By.ID, "payments").find_element(By.XPATH, "..").text
    check("****6789" in payments and "1234567" not in payments, "the bank account shows masked")

    # Over the balance: refused, with the reason, and nothing changes.
    pay("500", "REC-E2E-2")
    check("more than the balance" in browser.find_element(By.ID, "error").text, "a payment over the balance is refused with the reason")
    check("$65.25" in browser.find_element(By.CLASS_NAME, "balance").text, "the balance is unchanged")

    browser.get(base + "/queue")
    check("Work queue" in browser.find_element(By.TAG_NAME, "h1").text, "the work queue opens")
finally:
    browser.quit()

print(f"browser e2e: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
