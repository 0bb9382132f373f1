#!/usr/bin/env python3
"""Check a NACHA (ACH) file written by Candor.

    python3 scripts/nacha/check.py FILE        # exit 0 when the file checks out, 1 otherwise

Parses FILE with the PyPI package `ach` (python-ach, `pip install ach`; its
`ach.parser.Parser` splits records into named fields) and then checks, independently of
Candor's writer:

- every record is 94 characters, records come in the order 1 (5 6 [7]... 8)... 9 then 9-fill,
  and the record count is a multiple of 10 (blocking factor 10);
- batch controls: entry/addenda count, entry hash (sum of the 8-digit RDFI identifications,
  last 10 digits), total debits (transaction codes 27/37) and credits (22/32), service class,
  company ID and batch number match the batch's header and entries;
- file control: batch count, block count, entry/addenda count, entry hash and totals;
- every RDFI routing number passes the ABA check digit; trace numbers start with the ODFI
  and ascend; addenda indicators match the addenda; addenda sequence numbers point at their
  entry; TEL entries are debits with a recording reference and no addenda; WEB and TEL
  entries carry a payment type code R or S;
- the control records are rebuilt with ach's own record classes (`ach.data_types`) from the
  independently computed totals and compared byte for byte.

Prints one line per problem and a summary; no output is secret (account numbers are masked).
"""
import sys

try:
    from ach.parser import Parser
    from ach.data_types import BatchControl, FileControl
except ImportError:  # pragma: no cover - reported to the caller
    print("check.py: the PyPI package 'ach' is not installed (pip install ach)", file=sys.stderr)
    sys.exit(2)

DEBIT_CODES = {"27", "37", "28", "38"}
CREDIT_CODES = {"22", "32", "23", "33"}
HASH_MOD = 10 ** 10


def aba_ok(routing9):
    if len(routing9) != 9 or not routing9.isdigit():
        return False
    weights = [3, 7, 1] * 3
    return sum(int(d) * w for d, w in zip(routing9, weights)) % 10 == 0


def check(text):
    problems = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    lines = [l[:-1] if l.endswith("\r") else l for l in lines]

    for n, line in enumerate(lines, 1):
        if len(line) != 94:
            problems.append(f"line {n}: {len(line)} characters, not 94")
    if len(lines) % 10:
        problems.append(f"{len(lines)} records: not a multiple of 10 (blocking factor 10)")

    # Record order: header, batches, control, then only 9-fill.
    types = "".join(l[:1] for l in lines)
    control_at = types.find("9")
    if not types.startswith("1") or control_at < 0:
        problems.append("the file must start with a file header (1) and have a file control (9)")
        return problems, {}
    for n in range(control_at + 1, len(lines)):
        if lines[n] != "9" * 94:
            problems.append(f"line {n + 1}: after the file control only lines of 94 '9's may follow")
    state = "file"
    for n, t in enumerate(types[1:control_at], 2):
        allowed = {"file": "5", "batch": "6", "entry": "678", "addenda": "678"}[state]
        if t not in allowed:
            problems.append(f"line {n}: record type {t} cannot follow a {state} record")
        state = {"5": "batch", "6": "entry", "7": "addenda", "8": "file"}.get(t, state)
    if state != "file":
        problems.append("the last batch has no batch control")

    parsed = Parser(text.replace("\r\n", "\n")).as_dict()
    header = parsed["file_header"]
    if header["record_size"] != "094" or header["blk_factor"] != "10" or header["format_code"] != "1":
        problems.append("file header: record size 094, blocking factor 10 and format code 1 expected")

    file_hash = file_debit = file_credit = file_count = 0
    last_trace = 0
    entries_seen = 0
    for number, batch in enumerate(parsed["batches"], 1):
        bh, bc = batch["batch_header"], batch["batch_control"]
        sec = bh["std_ent_cls_code"]
        odfi = bh["orig_dfi_id"]
        count = entry_hash = debit = credit = 0
        for item in batch["entries"]:
            e, addenda = item["entry_detail"], item["addenda"]
            entries_seen += 1
            where = f"batch {number}, trace {e['trace_num']}"
            routing = e["recv_dfi_id"] + e["check_digit"]
            if not aba_ok(routing):
                problems.append(f"{where}: routing number {routing} fails the check digit")
            code = e["transaction_code"]
            amount = int(e["amount"])
            if code in DEBIT_CODES:
                debit += amount
            elif code in CREDIT_CODES:
                credit += amount
            else:
                problems.append(f"{where}: unknown transaction code {code}")
            if amount <= 0:
                problems.append(f"{where}: amount must be positive")
            entry_hash += int(e["recv_dfi_id"])
            count += 1 + len(addenda)
            trace = e["trace_num"]
            if not trace.startswith(odfi) or not trace.isdigit() or int(trace) <= last_trace:
                problems.append(f"{where}: trace numbers must start with the ODFI {odfi} and ascend")
            last_trace = int(trace) if trace.isdigit() else last_trace
            if e["add_rec_ind"] != ("1" if addenda else "0"):
                problems.append(f"{where}: addenda indicator {e['add_rec_ind']} but {len(addenda)} addenda")
            for seq, a in enumerate(addenda, 1):
                if a["addenda_type_code"] != "05" or a["add_seq_num"] != f"{seq:04d}" or a["ent_det_seq_num"] != trace[-7:]:
                    problems.append(f"{where}: addenda {seq} must be type 05, sequence {seq:04d}, entry {trace[-7:]}")
            if sec in ("WEB", "TEL") and e["disc_data"] not in ("R ", "S "):
                problems.append(f"{where}: {sec} entries need payment type code R or S")
            if sec == "TEL":
                if code not in DEBIT_CODES:
                    problems.append(f"{where}: TEL entries must be debits")
                if addenda:
                    problems.append(f"{where}: TEL entries cannot have addenda")
                if not e["ind_id"].strip():
                    problems.append(f"{where}: TEL entry without the recording reference")
        entry_hash %= HASH_MOD
        service = "200" if debit and credit else ("225" if debit else "220")
        expected = BatchControl(service)
        for field, value in (("entadd_count", count), ("entry_hash", entry_hash), ("debit_amount", debit),
                             ("credit_amount", credit), ("orig_dfi_id", odfi), ("batch_id", number)):
            setattr(expected, field, value)
        expected.company_id = bh["company_id"]
        control_line = next(l for l in lines if l.startswith("8") and l[87:94] == f"{number:07d}")
        # ach's BatchControl upper-cases and validates company_id with a restricted alphabet;
        # compare the numeric parts field by field and the whole line when it can render it.
        checks = {"service class": (bc["serv_cls_code"], service), "entry/addenda count": (bc["entadd_count"], f"{count:06d}"),
                  "entry hash": (bc["entry_hash"], f"{entry_hash:010d}"), "total debit": (bc["debit_amount"], f"{debit:012d}"),
                  "total credit": (bc["credit_amount"], f"{credit:012d}"), "company ID": (bc["company_id"], bh["company_id"]),
                  "batch number": (control_line[87:94], bh["batch_id"]), "header service class": (bh["serv_cls_code"], service),
                  "ODFI": (control_line[79:87], odfi), "header batch number": (bh["batch_id"], f"{number:07d}")}
        for name, (found, want) in checks.items():
            if found != want:
                problems.append(f"batch {number}: {name} is {found!r}, expected {want!r}")
        if expected.get_row() != control_line:
            problems.append(f"batch {number}: control record differs from ach's rendering:\n  file {control_line}\n  ach  {expected.get_row()}")
        file_hash += entry_hash
        file_debit += debit
        file_credit += credit
        file_count += count

    file_hash %= HASH_MOD
    fc = parsed["file_control"]
    blocks = len(lines) // 10
    expected = FileControl(len(parsed["batches"]), blocks, file_count, file_hash, file_debit, file_credit)
    control_line = lines[control_at]
    if expected.get_row() != control_line:
        problems.append(f"file control differs from the totals recomputed here:\n  file {control_line}\n  ach  {expected.get_row()}")
    if int(fc["block_count"]) * 10 != len(lines):
        problems.append(f"file control block count {fc['block_count']} but {len(lines)} records")
    summary = {"batches": len(parsed["batches"]), "entries": entries_seen, "entry_addenda": file_count,
               "entry_hash": file_hash, "debit_cents": file_debit, "credit_cents": file_credit, "blocks": blocks}
    return problems, summary


def main(argv):
    if len(argv) != 2:
        print("usage: check.py NACHA_FILE", file=sys.stderr)
        return 2
    with open(argv[1], encoding="ascii") as f:
        text = f.read()
    problems, summary = check(text)
    for p in problems:
        print(f"FAIL {p}")
    if summary:
        print("checked: " + " ".join(f"{k}={v}" for k, v in summary.items()))
    print("nacha check: OK" if not problems else f"nacha check: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
