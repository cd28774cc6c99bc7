#!/usr/bin/env python3
"""Input generators and checkers for drills/bad-input.sh (standard library only, deterministic per seed).

  bad-input-fuzz.py files --cronjob BIN --original schedules.yaml --count N --seed S --work DIR --logs DIR
      N mutated copies of schedules.yaml, each through `cronjob schedules --check --file F` (2 at a time);
      files that pass are also listed (`cronjob schedules --file F`). Prints one line of counts.
  bad-input-fuzz.py expressions --cronjob BIN --count N --seed S --work DIR --logs DIR
      N random expressions, one per line, through one `cronjob next --check -`. Prints one line of counts.
  bad-input-fuzz.py html-server
      An HTTP server on 127.0.0.1 that answers every request 502 with an HTML page (a proxy's error page);
      prints `listening on 127.0.0.1:PORT` and serves until killed.

Every generated input belongs to a class: `valid` (valid by construction: must be accepted), `invalid` (invalid by
construction: must be refused) or `random` (either is fine). The counts line ends with `failures=N`; the details
of every failure go to LOGS/*.failures.
"""
import argparse
import concurrent.futures
import datetime
import os
import random
import re
import subprocess
import sys
import unicodedata

MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
# name: (low, high, names, max step (0: no step), ranges may wrap)
FIELDS = {
    "minutes": (0, 59, [], 59, True),
    "hours": (0, 23, [], 23, True),
    "day-of-month": (1, 31, [], 31, True),
    "month": (1, 12, MONTHS, 12, True),
    "day-of-week": (1, 7, DAYS, 0, True),
    "year": (1970, 2199, [], 229, False),
}
ORDER = ["minutes", "hours", "day-of-month", "month", "day-of-week", "year"]
# Marks of a crash or a stack trace in any output: Swift runtime traps, the backtracer, signals.
CRASH = re.compile(r"Fatal error|Program crashed|Crash at|Stack dump|Current stack trace|Thread \d+ crashed|"
                   r"Backtrace|backtrace|Illegal instruction|Segmentation fault|Trace/breakpoint trap|"
                   r"Aborted|core dumped|SIGSEGV|SIGILL|SIGTRAP|SIGABRT|^\s*#?\d+\s+0x[0-9a-f]{6,}", re.M)
CRASH_CODES = {132, 133, 134, 136, 137, 139}


# ---------------------------------------------------------------- expressions

class Expressions:
    """Random EventBridge expressions: valid by construction, invalid by construction, or random garbage."""

    GARBAGE_CHARS = list("0123456789*?,-/#LWlw ()abcxyzAZ_.:;+=!@$%^&[]{}<>|'\"`~\\") + [
        "\t", "\u00a0", "\u2003", "\u3000", "\u200b", "\u2028", "\u0301", "\u00e9", "\u65e5", "\U0001F4A3", "\uff10",
        "\uff1f", "\u2164", "\u0663", "\x00", "\x01", "\x1b", "\x7f", "\u0085", "\ufeff", "\ufffd"]
    BAD_UNITS = ["second", "seconds", "week", "weeks", "month", "months", "min", "mins", "m", "h", "d", "hr", "", "minutess",
                 "minute s", "mínutes", "minutes,", "minutes)"]

    def __init__(self, rng):
        self.rng = rng

    def chance(self, percent):
        return self.rng.random() * 100 < percent

    def case(self, name):
        return self.rng.choice([name, name.lower(), name.title()])

    def value(self, field, v):
        low, high, names, _, _ = FIELDS[field]
        if names and self.chance(50):
            return self.case(names[v - low])
        if field != "year" and self.chance(8):
            return "0" * self.rng.randint(1, 9 - len(str(v))) + str(v)
        return str(v)

    def items(self, field, star, steps=True):
        low, high, names, max_step, wraps = FIELDS[field]
        if self.chance(star):
            return "*"
        out = []
        for _ in range(1 if self.chance(70) else self.rng.randint(2, 4)):
            a, b = self.rng.randint(low, high), self.rng.randint(low, high)
            if not wraps and b < a:
                a, b = b, a
            kinds = ["value", "range"] + (["every", "from", "range-step"] if steps and max_step else [])
            kind = self.rng.choice(kinds)
            step = lambda: self.rng.randint(1, max_step if self.chance(20) else min(max_step, 12))
            if kind == "value":
                out.append(self.value(field, a))
            elif kind == "range":
                out.append(f"{self.value(field, a)}-{self.value(field, b)}")
            elif kind == "every":
                out.append(f"*/{step()}")
            elif kind == "from":
                out.append(f"{self.value(field, a)}/{step()}")
            else:
                out.append(f"{self.value(field, a)}-{self.value(field, b)}/{step()}")
        return ",".join(out)

    def day_of_month(self):
        r = self.rng.randint(0, 9)
        if r == 0:
            return self.rng.choice(["L", "l"])
        if r == 1:
            return self.rng.choice(["LW", "lw", "Lw"])
        if r == 2:
            return f"{self.rng.choice([1, 2, 15, 28, 29, 30, 31, self.rng.randint(1, 31)])}{self.rng.choice('Ww')}"
        return self.items("day-of-month", 25)

    def day_of_week(self):
        r = self.rng.randint(0, 9)
        day = self.value("day-of-week", self.rng.randint(1, 7))
        if r == 0:
            return self.rng.choice(["L", "l"])
        if r == 1:
            return day + self.rng.choice("Ll")
        if r == 2:
            return f"{day}#{self.rng.randint(1, 5)}"
        return self.items("day-of-week", 20, steps=False)

    def year(self):
        r = self.rng.randint(0, 9)
        if r <= 4:
            return "*"
        if r <= 6:
            a = self.rng.randint(2015, 2040)
            return f"{a}-{a + self.rng.randint(0, 5)}" if r == 6 else str(a)
        if r == 7:
            return f"{self.rng.randint(2015, 2030)}/{self.rng.randint(1, 5)}"
        return self.items("year", 0)

    def valid_fields(self):
        fields = [self.items("minutes", 15), self.items("hours", 25), "?", self.items("month", 60), "?", self.year()]
        if self.chance(50):
            fields[2] = self.day_of_month()
        else:
            fields[4] = self.day_of_week()
        return fields

    def join(self, fields):
        return "cron(" + (" " if self.chance(95) else "  ").join(fields) + ")"

    def valid_rate(self):
        unit = self.rng.choice(["minute", "hour", "day"])
        if self.chance(25):
            return f"rate({'0' * self.rng.randint(0, 2) if self.chance(10) else ''}1 {unit})"
        value = self.rng.choice([self.rng.randint(2, 120), self.rng.randint(2, 100_000),
                                 self.rng.randint(2, 10 ** self.rng.randint(2, 14))])
        return f"rate({value} {unit}s)"

    def valid(self):
        return self.valid_rate() if self.chance(20) else self.join(self.valid_fields())

    # Tokens that make a field invalid wherever they stand (checked against the field's rules by hand).
    BAD_TOKENS = {
        "minutes": ["60", "99", "-1", "1-60", "*/0", "*/60", "0/61", "5/", "/5", "1-", "-5", "1--2", "1-2-3", "1,,2", ",1",
                    "1,", "*,5", "5,*", "L", "W", "5W", "#", "?", "JAN", "MON", "1.5", "+1", "0x1", "1/2/3",
                    "99999999999999999999", "*/99999999999999999999", "0000000001" + "0", "\uff10", "\u0663", "1\u200b0"],
        "hours": ["24", "25", "1-24", "*/0", "*/24", "L", "?", "MON", "1-2-3", "x", "**"],
        "day-of-month": ["0", "32", "0-5", "1-32", "*/0", "*/32", "L,1", "1,L", "1W,2", "LW,5", "32W", "0W", "W", "WL",
                         "L1", "1L", "LL", "L-5", "1-W", "#1", "3#2", "1?", "??", "JAN", "MON"],
        "month": ["0", "13", "1-13", "*/0", "*/13", "JANUARY", "JA", "MON", "L", "?", "#", "13/1"],
        "day-of-week": ["0", "8", "1-8", "*/2", "1/2", "MON/2", "MONDAY", "MO", "JAN", "3#0", "3#6", "8#1", "1-3#2", "#2",
                        "3#", "*#1", "2L,3", "1-3L", "*L", "W", "1W", "3#1,6#3", "1?", "LL", "0L", "8L"],
        "year": ["1969", "2200", "99999", "2030-2020", "*/0", "*/230", "1970/230", "L", "?", "MON", "20x0", "-2030"],
    }

    def invalid(self):
        kind = self.rng.randint(0, 9)
        fields = self.valid_fields()
        if kind <= 3:  # one field replaced by a token that is wrong there
            field = self.rng.choice(ORDER)
            index = ORDER.index(field)
            fields[index] = self.rng.choice(self.BAD_TOKENS[field])
            if field in ("day-of-month", "day-of-week"):
                fields[2 if index == 4 else 4] = "?"
            return self.join(fields)
        if kind == 4:  # wrong number of fields
            n = self.rng.choice([0, 1, 2, 3, 4, 5, 7, 8, 12])
            return "cron(" + " ".join((fields * 3)[:n]) + ")"
        if kind == 5:  # '?' in both day fields, or in neither
            if self.chance(50):
                fields[2], fields[4] = "?", "?"
            else:
                fields[2], fields[4] = self.items("day-of-month", 30), self.items("day-of-week", 30, steps=False)
            return self.join(fields)
        if kind == 6:  # the wrapping
            inner = " ".join(fields)
            return self.rng.choice([
                f"CRON({inner})", f"Cron({inner})", f"cron ({inner})", f" cron({inner})", f"cron({inner}) ",
                f"cron( {inner})", f"cron({inner} )", f"cron({inner}", f"cron({inner}))", f"cron(({inner})",
                f"cron[{inner}]", inner, "", "cron()", "rate()", "at(2026-01-01T00:00:00)", "cron", "rate",
                f"cron({inner})x", f"cron({inner}){inner}", "\ufeff" + f"cron({inner})"])
        # rate with a bad value or unit
        unit = self.rng.choice(["minute", "hour", "day"])
        value = self.rng.randint(2, 1000)
        return self.rng.choice([
            f"rate(0 {unit})", f"rate(0 {unit}s)", f"rate(00 {unit}s)", f"rate(-{value} {unit}s)", f"rate(1.5 {unit}s)",
            f"rate(five {unit}s)", f"rate({unit}s)", f"rate({value})", f"rate({value}{unit}s)", f"rate(1 {unit}s)",
            f"rate({value} {unit})", f"rate({value} {self.rng.choice(self.BAD_UNITS)})", f"rate({value} {unit}s now)",
            f"rate( {value} {unit}s)", f"rate({value} {unit}s )", f"rate({'9' * self.rng.randint(16, 40)} {unit}s)",
            f"rate(106751991167301 {unit}s)", f"rate(\uff15 {unit}s)", f"rate({value}\u200b {unit}s)", f"RATE({value} {unit}s)",
            f"rate({value} {unit}s", f"rate({value} {unit}s))", f"rate(+{value} {unit}s)", f"rate(0x10 {unit}s)"])

    def garbage_text(self):
        return "".join(self.rng.choice(self.GARBAGE_CHARS) for _ in range(self.rng.randint(0, 40)))

    def mutate(self, text):
        chars = list(text)
        for _ in range(self.rng.randint(1, 3)):
            op = self.rng.randint(0, 4)
            i = self.rng.randint(0, len(chars))
            if op == 0 or not chars:
                chars.insert(i, self.rng.choice(self.GARBAGE_CHARS))
            elif op == 1:
                del chars[min(i, len(chars) - 1)]
            elif op == 2:
                chars[min(i, len(chars) - 1)] = self.rng.choice(self.GARBAGE_CHARS)
            elif op == 3:
                j = self.rng.randint(0, len(chars))
                chars[i:i] = chars[min(i, j):max(i, j)][:20]
            else:
                chars.insert(i, str(self.rng.choice([10 ** self.rng.randint(9, 30), -1, 2 ** 63, 2 ** 64, 4294967296])))
        return "".join(chars)

    def random(self):
        """(text, raw bytes or None): garbage, a mutated valid or invalid expression, or invalid UTF-8."""
        r = self.rng.randint(0, 9)
        if r <= 1:
            return self.garbage_text(), None
        if r == 2:
            good = self.valid().encode()
            i = self.rng.randint(0, len(good))
            bad = self.rng.choice([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\xc0\xaf"])
            return None, good[:i] + bad + good[i:]
        return self.mutate(self.valid() if r <= 7 else self.invalid()), None

    def line(self):
        """(class, bytes of one input line without its newline)."""
        r = self.rng.random()
        if r < 0.40:
            return "valid", self.valid().encode()
        if r < 0.70:
            return "invalid", self.invalid().encode()
        text, raw = self.random()
        if raw is None:
            raw = text.replace("\n", " ").encode("utf-8", "surrogatepass")
        raw = raw.replace(b"\n", b" ").rstrip(b"\r")
        return "random", raw


def printable(text):
    """The escaping `cronjob next --check` applies to every field it prints."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\n":
            out.append("\\n")
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            out.append("\\u{%X}" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def civil_iso(seconds):
    """ISO 8601 UTC for any whole number of seconds since the epoch, years beyond 9999 included."""
    days, rest = divmod(seconds, 86400)
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    year = yoe + era * 400 + (1 if month <= 2 else 0)
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (year, month, day, rest // 3600, rest // 60 % 60, rest % 60)


class CronModel:
    """An independent reading of a cron expression the validator accepted, for its next fire time (None: the model
    does not read this spelling, e.g. unusual whitespace; it then is not compared)."""

    DIGITS = re.compile(r"^[0-9]+$")

    def __init__(self, text):
        m = re.match(r"^cron\((.*)\)$", text, re.S)
        parts = m.group(1).split(" ") if m else []
        parts = [p for p in parts if p]
        if len(parts) != 6 or any(not re.match(r"^[0-9A-Za-z*?,/#-]+$", p) for p in parts):
            raise ValueError("not modelled")
        self.minutes, self.hours = self.field(parts[0], "minutes"), self.field(parts[1], "hours")
        self.months, self.years = self.field(parts[3], "month"), self.field(parts[5], "year")
        self.dom, self.dow = parts[2].upper(), parts[4].upper()

    def value(self, text, field):
        low, _, names, _, _ = FIELDS[field]
        if self.DIGITS.match(text):
            return int(text)
        return names.index(text.upper()) + low

    def field(self, text, field):
        low, high, _, _, _ = FIELDS[field]
        size = high - low + 1
        values = set()
        for part in text.split(","):
            base, _, step = part.partition("/")
            every = int(step) if step else 1
            if base == "*":
                a, b = low, high
            elif "-" in base:
                a, b = (self.value(x, field) for x in base.split("-"))
            else:
                a = self.value(base, field)
                b = high if step else a
            span = b - a if a <= b else b + size - a
            for offset in range(0, span + 1, every):
                values.add(a + offset if a + offset <= high else a + offset - size)
        return values

    @staticmethod
    def weekday(y, m, d):  # 1 = SUN ... 7 = SAT
        return (datetime.date(y, m, d).weekday() + 1) % 7 + 1

    def days(self, y, m):
        length = (datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.date(y, m, 1)).days
        dom, dow = self.dom, self.dow
        if dom != "?":
            if dom == "L":
                return [length]
            if dom == "LW":
                wd = self.weekday(y, m, length)
                return [length - 1 if wd == 7 else length - 2 if wd == 1 else length]
            if dom.endswith("W"):
                day = int(dom[:-1])
                if day > length:
                    return []
                wd = self.weekday(y, m, day)
                if wd == 7:
                    return [3 if day == 1 else day - 1]
                if wd == 1:
                    return [day - 2 if day == length else day + 1]
                return [day]
            return sorted(d for d in self.field(dom, "day-of-month") if d <= length)
        if dow == "L":
            dow = "7"
        if "#" in dow:
            day, n = dow.split("#")
            wanted = self.value(day, "day-of-week")
            matching = [d for d in range(1, length + 1) if self.weekday(y, m, d) == wanted]
            return matching[int(n) - 1:int(n)]
        if dow.endswith("L"):
            wanted = self.value(dow[:-1], "day-of-week")
            return [max(d for d in range(1, length + 1) if self.weekday(y, m, d) == wanted)]
        weekdays = self.field(dow, "day-of-week")
        return [d for d in range(1, length + 1) if self.weekday(y, m, d) in weekdays]

    def next_after(self, start):
        """The first fire time strictly after `start` (a whole minute), as ISO 8601, or "never"."""
        times = sorted(h * 60 + mi for h in self.hours for mi in self.minutes)
        for y in range(start.year, 2200):
            if y not in self.years:
                continue
            for m in sorted(self.months):
                for d in self.days(y, m):
                    for t in times:
                        fire = datetime.datetime(y, m, d, t // 60, t % 60)
                        if fire > start:
                            return fire.strftime("%Y-%m-%dT%H:%M:%SZ")
        return "never"


RATE = re.compile(r"^rate\(0*([1-9][0-9]*) (minute|hour|day)s?\)$")
UNIT_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}
ISO = re.compile(r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def run_expressions(args):
    rng = random.Random(args.seed)
    gen = Expressions(rng)
    lines = [gen.line() for _ in range(args.count)]
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(args.logs, exist_ok=True)
    source = os.path.join(args.work, "expressions.txt")
    with open(source, "wb") as f:
        f.write(b"".join(raw + b"\n" for _, raw in lines))
    start = "2026-01-01T00:00:00Z"
    start_seconds = int(datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc).timestamp())
    out_path = os.path.join(args.logs, "expressions.stdout")
    err_path = os.path.join(args.logs, "expressions.stderr")
    began = datetime.datetime.now()
    with open(source, "rb") as stdin, open(out_path, "wb") as stdout, open(err_path, "wb") as stderr:
        try:
            code = subprocess.run([args.cronjob, "next", "--check", "-", "--from", start], stdin=stdin, stdout=stdout,
                                  stderr=stderr, timeout=args.timeout).returncode
        except subprocess.TimeoutExpired:
            code = "timeout"
    elapsed = (datetime.datetime.now() - began).total_seconds()
    out = open(out_path, "rb").read()
    err = open(err_path, "rb").read().decode("utf-8", "replace")
    answers = out.split(b"\n")
    if answers and answers[-1] == b"":
        answers.pop()

    failures = []
    def fail(kind, detail):
        failures.append(f"{kind}: {detail}")

    if code not in (0, 78):
        fail("exit", f"`cronjob next --check -` exited {code} (signal or trap when negative or 132-139)")
    if CRASH.search(err) or CRASH.search(out.decode("utf-8", "replace")):
        fail("crash", "a crash or stack trace in the output: " + (CRASH.search(err) or CRASH.search(out.decode("utf-8", "replace"))).group(0))
    if err.strip():
        fail("stderr", f"unexpected stderr: {err[:300]!r}")
    if len(answers) != len(lines):
        fail("count", f"{len(lines)} lines in, {len(answers)} answers out")
    counts = {"valid": 0, "invalid": 0, "never": 0, "exact_rates": 0, "unmodelled": 0, "odd_characters": 0}
    mismatched = modelled = 0
    odd = []
    for number, ((klass, raw), answer) in enumerate(zip(lines, answers), 1):
        text = answer.decode("utf-8", "replace")
        fields = text.split("\t")
        try:
            source_text = raw.decode("utf-8")
        except UnicodeDecodeError:
            source_text = None
        where = f"line {number} ({klass}) {raw!r}"
        if fields[0] == "ok" and len(fields) == 4:
            counts["valid"] += 1
            if klass == "invalid":
                fail("accepted", f"{where}: invalid by construction, answered {text!r}")
            if source_text is None:
                fail("accepted", f"{where}: invalid UTF-8 answered ok")
            elif fields[1] != printable(source_text):
                mismatched += 1
                fail("echo", f"{where}: answer is for {fields[1]!r}")
            if fields[2] == "never":
                counts["never"] += 1
            elif not ISO.match(fields[2]) or fields[2] <= start and len(fields[2]) == len(start):
                fail("next", f"{where}: next fire time {fields[2]!r} is not an ISO 8601 time after {start}")
            if not fields[3].strip():
                fail("meaning", f"{where}: empty meaning")
            if source_text and source_text.startswith("cron(") and modelled < args.model_count:
                try:
                    model = CronModel(source_text)
                except (ValueError, IndexError):
                    model = None
                if model is None:
                    counts["unmodelled"] += 1
                else:
                    modelled += 1
                    expected = model.next_after(datetime.datetime(2026, 1, 1))
                    if fields[2] != expected:
                        fail("cron", f"{where}: next fire time {fields[2]}, an independent model says {expected}")
            if source_text and re.search(r"[^\x21-\x7e ]", source_text):
                counts["odd_characters"] += 1
                odd.append(source_text)
            rate = RATE.match(source_text or "")
            if rate:
                interval = int(rate.group(1)) * UNIT_SECONDS[rate.group(2)]
                expected = (start_seconds // interval + 1) * interval
                expected_text = civil_iso(expected) if expected < 10 ** 15 else "never"  # the engine's horizon
                counts["exact_rates"] += 1
                if fields[2] != expected_text:
                    fail("rate", f"{where}: next fire time {fields[2]}, expected {expected_text}")
        elif fields[0] == "error" and len(fields) >= 3:
            counts["invalid"] += 1
            if klass == "valid":
                fail("refused", f"{where}: valid by construction, answered {text!r}")
            if source_text is not None and fields[1] != printable(source_text):
                mismatched += 1
                fail("echo", f"{where}: answer is for {fields[1]!r}")
            if not "\t".join(fields[2:]).strip():
                fail("message", f"{where}: error without a message")
        else:
            fail("answer", f"{where}: malformed answer {text!r}")
        if mismatched > 20:
            fail("echo", "answers are out of step with the input; stopped comparing")
            break
    if code == 0 and counts["invalid"] > 0 or code == 78 and counts["invalid"] == 0:
        fail("exit", f"exit {code} with {counts['invalid']} invalid expressions")
    write_failures(os.path.join(args.logs, "expressions.failures"), failures)
    # Accepted although they hold characters other than printable ASCII and the space (tabs, no-break spaces...):
    # not failures, listed for a human to judge against what EventBridge accepts.
    write_failures(os.path.join(args.logs, "expressions.accepted-odd-characters"), [ascii(t) for t in odd])
    by_kind = summarize(failures)
    print(f"expressions={len(lines)} answers={len(answers)} valid={counts['valid']} invalid={counts['invalid']} "
          f"never={counts['never']} rates_exact={counts['exact_rates']} crons_modelled={modelled} "
          f"accepted_odd_characters={counts['odd_characters']} exit={code} seconds={elapsed:.1f} "
          f"failures={len(failures)}{by_kind}")


def write_failures(path, failures):
    with open(path, "w", encoding="utf-8", errors="backslashreplace") as f:
        for line in failures:
            f.write(line + "\n")


def summarize(failures):
    """` kinds=a:3,b:1 first=...` for the counts line, or nothing."""
    if not failures:
        return ""
    kinds = {}
    for line in failures:
        kind = line.split(":", 1)[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    first = failures[0].encode("ascii", "backslashreplace").decode()[:240].replace("\n", " ")
    return " kinds=" + ",".join(f"{k}:{v}" for k, v in sorted(kinds.items())) + f" first={first}"


# ---------------------------------------------------------------- schedule files


def beyond_horizon(expression):
    """A rate whose interval reaches the engine's horizon (10^15 s from the epoch): it never fires."""
    rate = RATE.match(expression)
    return bool(rate) and int(rate.group(1)) * UNIT_SECONDS[rate.group(2)] >= 10 ** 15


class Line:
    """A `key: value` line of the original file and where it sits (path of keys by indentation)."""

    def __init__(self, index, indent, path, value):
        self.index, self.indent, self.path, self.value = index, indent, path, value

    @property
    def key(self):
        return self.path[-1]


def index_lines(lines):
    entries, stack = [], []
    for i, line in enumerate(lines):
        m = re.match(r"^( *)([A-Za-z0-9_.-]+):(?: (.*))?$", line)
        if not m or line.lstrip().startswith("#"):
            continue
        indent = len(m.group(1))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = tuple(k for _, k in stack) + (m.group(2),)
        entries.append(Line(i, indent, path, m.group(3)))
        stack.append((indent, m.group(2)))
    return entries


FARGATE = {256: [512, 1024, 2048], 512: list(range(1024, 4097, 1024)), 1024: list(range(2048, 8193, 1024)),
           2048: list(range(4096, 16385, 1024)), 4096: list(range(8192, 30721, 1024)),
           8192: list(range(16384, 61441, 4096)), 16384: list(range(32768, 122881, 8192))}
STRING_KEYS = {"region", "cluster", "image", "log_group", "alarm_topic", "description", "concurrency", "timeout",
               "stop_timeout", "platform_version", "project", "component", "environment", "CRONJOB_ENV",
               "PAYMENTS_API_URL", "PAYOUTS_API_URL", "EMAIL_API_URL", "PUSH_API_URL", "DATABASE_SECRET",
               "PAYMENTS_API_TOKEN", "PAYOUTS_API_TOKEN", "EMAIL_API_TOKEN", "PUSH_API_TOKEN", "schedule"}
ENV_REQUIRED = ["account", "region", "cluster", "image", "subnets", "security_groups", "log_group", "alarm_topic"]
TOKENS = ["", "~", "null", "true", "no", "yes", "0", "-1", "1.5", "1e309", ".inf", ".nan", "0x1F", "0o17",
          "99999999999999999999999999", "-99999999999999999999", "[]", "{}", "[a, b]", "{a: 1}", "&anchor x", "*nope",
          "!!binary aGVsbG8=", "!!int x", "!custom 1", "|", ">", "'unterminated", '"unterminated', "'it''s'", '"\\x00"',
          '"\\uD800"', "a: b: c", "- item", "? key", "%TAG", "@at", "`tick`", "é日本語💣", "\u00a0", "\u200b", "x" * 5000,
          "rate(5 minutes)", "cron(0 10 * * ? *)", "cron(0 10 * * * *)", "rate(1 minutes)", "rate(0 minutes)",
          "cron(0 0 ? * 8 *)", "4m", "0s", "-5m", "999999999999h", "forbid", "allow", "sometimes", "256", "8192", "300"]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\x7f", "\u0085", "\u2028", "\ufeff",
           "\ufffe"]
INSERT = list(":-[]{}\"'\t#&*!|>%@`,? \n") + ["é", "\u00a0", "\\", "---", "...", "<<: *x"] + CONTROL
BAD_UTF8 = [b"\xff", b"\xfe", b"\xc3", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80"]


class Mutator:
    def __init__(self, rng, original):
        self.rng = rng
        self.original = original
        self.lines = original.split("\n")
        self.entries = index_lines(self.lines)
        self.expressions = Expressions(rng)
        self.jobs = [e for e in self.entries if len(e.path) == 2 and e.path[0] == "jobs"]
        self.envs = [e for e in self.entries if len(e.path) == 2 and e.path[0] == "environments"]

    def pick(self, predicate):
        choices = [e for e in self.entries if predicate(e)]
        return self.rng.choice(choices) if choices else None

    def job_block(self, job):
        """Line indexes of a job: its key line up to the next job (or the end)."""
        following = [j.index for j in self.jobs if j.index > job.index]
        end = min(following) if following else len(self.lines)
        while end > job.index + 1 and not self.lines[end - 1].strip():
            end -= 1
        return job.index, end

    @staticmethod
    def quote(text, style):
        if style == "'":
            return "'" + text.replace("'", "''") + "'"
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def set_value(self, lines, entry, value):
        lines[entry.index] = " " * entry.indent + entry.key + ": " + value

    # Each mutation returns (name, lines or bytes). Names say what the mutation does.

    def valid_mutation(self):
        lines = list(self.lines)
        r = self.rng.randint(0, 15)
        if r == 0:
            i = self.rng.randint(0, len(lines))
            lines.insert(i, " " * self.rng.choice([0, 2, 4, 7]) + "# " + self.expressions.garbage_text().replace("\n", " ")
                         .translate({c: None for c in range(0x20) if c != 9}).replace("\x7f", "").replace("\u0085", "")
                         .replace("\u2028", "").replace("\ufeff", ""))
            return "comment-line", lines
        if r == 1:
            for _ in range(self.rng.randint(1, 5)):
                lines.insert(self.rng.randint(0, len(lines)), " " * self.rng.randint(0, 6))
            return "blank-lines", lines
        if r == 2:
            e = self.pick(lambda e: e.value)
            lines[e.index] += self.rng.choice(["  # note", " #", "\t# tabbed comment", "    # x: y"])
            return "trailing-comment", lines
        if r in (3, 4):
            e = self.pick(lambda e: e.key == "schedule")
            expression = self.expressions.valid()
            while beyond_horizon(expression):  # valid, but it never fires: schedules.yaml refuses it on purpose
                expression = self.expressions.valid()
            self.set_value(lines, e, self.quote(expression, self.rng.choice("'\"")) if self.rng.random() < 0.5 else expression)
            return "valid-schedule", lines
        if r == 5:
            e = self.pick(lambda e: e.key in STRING_KEYS and e.value and e.value[0] not in "\"'[")
            self.set_value(lines, e, self.quote(e.value, self.rng.choice("'\"")))
            return "quote-string", lines
        if r == 6:
            parent = self.rng.choice([p for p in sorted({e.path[:-1] for e in self.entries})
                                      if sum(1 for e in self.entries if e.path[:-1] == p and e.value) >= 2])
            a, b = self.rng.sample([e for e in self.entries if e.path[:-1] == parent and e.value], 2)
            lines[a.index], lines[b.index] = lines[b.index], lines[a.index]
            return "swap-sibling-keys", lines
        if r == 7:
            lines.append(self.rng.choice(["x-notes: {owner: payments-team, runbook: 'https://example.com/rb'}",
                                          "x-anchors:\n  size: &size {cpu: 512, memory: 1024}", "x-empty:", "x-list: [1, 2, 3]"]))
            return "x-key", lines
        if r == 8:
            job = self.rng.choice(self.jobs)
            cpu = self.rng.choice(list(FARGATE))
            lines[job.index + 1:job.index + 1] = [f"    cpu: {cpu}", f"    memory: {self.rng.choice(FARGATE[cpu])}"]
            return "task-size", lines
        if r == 9:
            job = self.rng.choice(self.jobs)
            lines.insert(job.index + 1, "    enabled: " + self.rng.choice(
                ["false", "true", "{staging: true, production: false}", "{production: false}", "{}"]))
            return "enabled", lines
        if r == 10:
            setting = self.rng.choice(
                ["environment: {FEATURE_FLAG: 'on', BATCH_SIZE: '100'}", "parallelism: %d" % self.rng.randint(1, 10),
                 "retries: %d" % self.rng.randint(0, 185), "concurrency: allow", "stop_timeout: %ds" % self.rng.randint(1, 120)])
            key = setting.split(":")[0]
            job = self.rng.choice([j for j in self.jobs if (j.path + (key,)) not in {e.path for e in self.entries}])
            lines.insert(job.index + 1, "    " + setting)
            return "job-setting", lines
        if r == 11:
            return "crlf", "\r\n".join(lines)
        if r == 12:
            return "byte-order-mark", "\ufeff" + "\n".join(lines)
        if r == 13:
            out = []
            for line in lines:
                stripped = line.lstrip(" ")
                out.append(" " * (2 * (len(line) - len(stripped))) + stripped)
            return "double-indent", out
        if r == 14:
            return "trailing-spaces", [line + " " * self.rng.randint(0, 3) if line.strip() else line for line in lines]
        e = self.pick(lambda e: e.key == "timeout" and len(e.path) == 3)
        self.set_value(lines, e, self.rng.choice(["90s", "1m", "2m30s", "1h", "1h30m", "%ds" % self.rng.randint(1, 3600)]))
        return "valid-timeout", lines

    def invalid_mutation(self):
        lines = list(self.lines)
        r = self.rng.randint(0, 15)
        if r == 0:
            e = self.pick(lambda e: len(e.path) == 3 and e.path[0] == "jobs" and e.key in ("schedule", "description"))
            del lines[e.index]
            return "delete-required-job-key", lines
        if r == 1:
            e = self.pick(lambda e: len(e.path) == 3 and e.path[0] == "environments" and e.key in ENV_REQUIRED)
            del lines[e.index]
            return "delete-required-environment-key", lines
        if r in (2, 3):
            e = self.pick(lambda e: e.key == "schedule")
            expression = self.expressions.invalid()
            while expression.startswith("\ufeff"):  # the YAML layer drops a BOM that starts a scalar
                expression = self.expressions.invalid()
            self.set_value(lines, e, self.quote(expression, "'"))
            return "invalid-schedule", lines
        if r == 4:
            e = self.pick(lambda e: len(e.path) in (2, 3) and e.path[0] in ("jobs", "environments", "defaults"))
            name = self.rng.choice(["colour", "schedul", "timeotu", "cpus", "Schedule", "retry", "envs", "subnet"])
            lines.insert(e.index + 1, " " * (e.indent + (2 if len(e.path) == 2 else 0)) + name + ": 1")
            return "unknown-key", lines
        if r == 5:
            e = self.pick(lambda e: e.value and len(e.path) >= 2)
            lines.insert(e.index + 1, lines[e.index])
            return "duplicate-key", lines
        if r == 6:
            e = self.pick(lambda e: e.key in ("cpu", "memory", "parallelism", "retries", "log_retention_days", "timeout",
                                              "stop_timeout", "concurrency", "account", "assign_public_ip"))
            bad = {"cpu": ["300", "0", "-256", "99999999999999999999999", "1e309", "256.5"],
                   "memory": ["100", "513", "0", "99999999999999999999999"],
                   "parallelism": ["0", "11", "-1", "99999999999999999999"], "retries": ["-1", "186", "1e309"],
                   "log_retention_days": ["0", "8", "4000"], "timeout": ["0s", "-1m", "5 parsecs", "8d", "m"],
                   "stop_timeout": ["3m", "2m1s", "soon"], "concurrency": ["sometimes", "FORBID_ALL", "[forbid]"],
                   "account": ['"12345"', '"1234567890123"', '"abcdefghijkl"'], "assign_public_ip": ["perhaps", "[true]"]}
            self.set_value(lines, e, self.rng.choice(bad[e.key]))
            return "bad-value-" + e.key, lines
        if r == 7:
            e = self.pick(lambda e: e.key in ("description", "schedule", "cpu", "region", "subnets", "tags", "timeout"))
            self.set_value(lines, e, self.rng.choice(["[a, b]", "{a: 1}"] if e.key != "subnets" and e.key != "tags"
                                                     else ["{a: 1}" if e.key == "subnets" else "[a, b]"]))
            return "wrong-type-" + e.key, lines
        if r == 8:
            e = self.pick(lambda e: e.indent > 0)
            lines[e.index] = "\t" + lines[e.index].lstrip(" ")
            return "tab-indent", lines
        if r == 9:
            i = self.rng.randint(0, len(lines) - 1)
            j = self.rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:j] + self.rng.choice(CONTROL[:10]) + lines[i][j:]
            return "control-character", lines
        if r == 10:
            data = "\n".join(lines).encode()
            i = self.rng.randint(0, len(data))
            while i < len(data) and (data[i] & 0xC0) == 0x80:
                i += 1
            return "invalid-utf8", data[:i] + self.rng.choice(BAD_UTF8) + data[i:]
        if r == 11:
            job = self.rng.choice(self.jobs)
            lines[job.index] = "  " + self.rng.choice(["sync-paymentz", "notify_upload", "Check-Payout", "cleanup", "x"]) + ":"
            return "unregistered-job", lines
        if r == 12:
            start, end = self.job_block(self.rng.choice(self.jobs))
            del lines[start:end]
            return "delete-job", lines
        if r == 13:
            last = max(j.index for j in self.jobs)
            cut = self.rng.randint(0, len("\n".join(lines[:last])))
            return "truncate-before-last-job", "\n".join(lines)[:cut]
        if r == 14:
            e = self.pick(lambda e: e.key in ("jobs", "environments"))
            lines[e.index] = e.key + ": " + self.rng.choice(["[]", "5", "~", "'text'"])
            return "wrong-type-section", lines
        e = self.pick(lambda e: e.value and e.value.startswith('"'))
        self.set_value(lines, e, e.value + '"')
        return "extra-quote", lines

    def random_mutation(self, lines):
        """One random edit of the lines (or of the whole text)."""
        r = self.rng.randint(0, 14)
        i = self.rng.randint(0, max(0, len(lines) - 1))
        j = self.rng.randint(0, max(0, len(lines) - 1))
        if not lines:
            return "empty", [""]
        if r == 0:
            del lines[i]
            return "delete-line", lines
        if r == 1:
            lines.insert(j, lines[i])
            return "duplicate-line", lines
        if r == 2:
            lines[i], lines[j] = lines[j], lines[i]
            return "swap-lines", lines
        if r == 3:
            lines[i] = (lines[i][self.rng.randint(1, 3):] if self.rng.random() < 0.5
                        else " " * self.rng.randint(1, 3) + lines[i])
            return "reindent", lines
        if r == 4:
            candidates = [k for k, line in enumerate(lines) if re.match(r"^\s*[^:#\s][^:#]*: ", line)]
            if not candidates:
                return "replace-value-skipped", lines
            k = self.rng.choice(candidates)
            key = lines[k][:lines[k].index(": ") + 1]
            lines[k] = key + " " + self.rng.choice(TOKENS + [self.expressions.line()[1].decode("utf-8", "replace")])
            return "replace-value", lines
        if r == 5:
            text = "\n".join(lines)
            return "truncate", text[:self.rng.randint(0, len(text))].split("\n")
        if r == 6:
            text = "\n".join(lines)
            k = self.rng.randint(0, len(text))
            return "insert-character", (text[:k] + self.rng.choice(INSERT) + text[k:]).split("\n")
        if r == 7:
            lines[i] = lines[i].replace('"', "", 1) if '"' in lines[i] else lines[i].replace(": ", ': "', 1)
            return "break-quote", lines
        if r == 8:
            lines[i] = lines[i].replace("  ", "\t", 1)
            return "insert-tab", lines
        if r == 9:
            candidates = [k for k, line in enumerate(lines) if re.match(r"^\s*[A-Za-z_-]{2,}:", line)]
            if not candidates:
                return "key-typo-skipped", lines
            i = self.rng.choice(candidates)
            m = re.match(r"^(\s*)([A-Za-z_-]+)(:.*)$", lines[i])
            key = list(m.group(2))
            k = self.rng.randint(0, len(key) - 2)
            key[k], key[k + 1] = key[k + 1], key[k]
            lines[i] = m.group(1) + "".join(key) + m.group(3)
            return "key-typo", lines
        if r == 10:
            lines[i] = re.sub(r":\s.*$", ":", lines[i])
            return "empty-value", lines
        if r == 11:
            lines.insert(i, " " * self.rng.choice([0, 2, 4, 6]) + self.rng.choice(
                ["unknown: 1", "x-extra: 2", "<<: {cpu: 512}", "<<: *nothing", "? complex key\n: v", "- stray", "&a b: c"]))
            return "insert-key", lines
        if r == 12:
            depth = self.rng.randint(3, 9)
            bomb = ["x-b0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
                f"x-b{n}: &b{n} [" + ", ".join([f"*b{n - 1}"] * 9) + "]" for n in range(1, depth)]
            e = self.pick(lambda e: e.value and len(e.path) >= 2)
            target = self.lines[e.index]
            lines = bomb + lines
            lines = [(" " * e.indent + e.key + f": *b{depth - 1}") if line == target else line for line in lines]
            return "alias-bomb", lines
        if r == 13:
            huge = str(self.rng.choice([2 ** 63, 2 ** 64, 10 ** 30, -(2 ** 63) - 1, 2 ** 31, 10 ** 400]))
            numeric = [k for k, line in enumerate(lines) if re.search(r": -?[0-9]+$", line)]
            if numeric and self.rng.random() < 0.7:
                k = self.rng.choice(numeric)
                lines[k] = re.sub(r"-?[0-9]+$", huge, lines[k])
            else:
                lines[i] = lines[i] + " " + huge
            return "huge-number", lines
        text = "\n".join(lines).encode("utf-8", "surrogatepass")
        k = self.rng.randint(0, len(text))
        return "invalid-utf8", (text[:k] + self.rng.choice(BAD_UTF8) + text[k:]).decode("utf-8", "surrogateescape").split("\n")

    def mutate(self):
        """(class, mutation names, bytes)."""
        r = self.rng.random()
        if r < 0.15:
            klass, (name, result) = "valid", self.valid_mutation()
            names = [name]
        elif r < 0.45:
            klass, (name, result) = "invalid", self.invalid_mutation()
            names = [name]
        else:
            klass, names, result = "random", [], list(self.lines)
            for _ in range(self.rng.randint(1, 4)):
                if isinstance(result, (bytes, str)):
                    break
                name, result = self.random_mutation(result)
                names.append(name)
        if isinstance(result, list):
            result = "\n".join(result)
        if isinstance(result, str):
            result = result.encode("utf-8", "surrogateescape")
        return klass, names, result


def check_file(cronjob, path, text_lines, timeout):
    """Runs the check (and, when it passes, the listing) for one file; returns (code, stdout, stderr, problems)."""
    problems = []
    def run(arguments):
        try:
            p = subprocess.run([cronjob] + arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                               stdin=subprocess.DEVNULL)
            return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            return "timeout", "", ""
    code, out, err = run(["schedules", "--check", "--file", path])
    if code not in (0, 78):
        problems.append(("exit", f"exit {code}" + (" (killed by a signal)" if isinstance(code, int) and code < 0 else "")))
    crash = CRASH.search(out + "\n" + err)
    if crash:
        problems.append(("crash", f"crash or stack trace in the output: {crash.group(0)!r}"))
    prefix = re.escape(path)
    located = re.compile(rf"^{prefix}:(\d+):(\d+): (error|warning): \S")
    errors = 0
    for line in err.splitlines():
        m = located.match(line)
        if m:
            line_number, column = int(m.group(1)), int(m.group(2))
            if m.group(3) == "error":
                errors += 1
            if not (1 <= line_number <= text_lines + 1) or column < 1:
                problems.append(("location", f"location {line_number}:{column} outside the file ({text_lines} lines): {line}"))
        elif line.startswith("note: "):
            pass
        else:
            problems.append(("unlocated", f"stderr line without file:line:column: {line[:300]!r}"))
    if code == 78:
        if errors == 0:
            problems.append(("unlocated", "exit 78 without a located error"))
        if out.strip():
            problems.append(("stdout", f"exit 78 with stdout {out[:200]!r}"))
    listing = None
    if code == 0:
        if not re.match(r"^ok: \d+ jobs?, \d+ environments?\n$", out):
            problems.append(("stdout", f"exit 0 with stdout {out[:200]!r}"))
        if errors:
            problems.append(("exit", "exit 0 with errors on stderr"))
        listing = run(["schedules", "--file", path, "--from", "2026-01-01T00:00:00Z"])
        lcode, lout, lerr = listing
        if lcode != 0 or not lout.strip() or CRASH.search(lout + lerr):
            problems.append(("listing", f"`schedules --file` of a file that passed --check: exit {lcode}, stderr {lerr[:200]!r}"))
    return code, out, err, problems, listing


def run_files(args):
    rng = random.Random(args.seed)
    original = open(args.original, encoding="utf-8").read()
    mutator = Mutator(rng, original)
    directory = os.path.join(args.work, "files")
    os.makedirs(directory, exist_ok=True)
    os.makedirs(args.logs, exist_ok=True)
    cases = []
    for n in range(args.count):
        klass, names, data = mutator.mutate()
        path = os.path.join(directory, f"m{n:05d}.yaml")
        with open(path, "wb") as f:
            f.write(data)
        cases.append((path, klass, names, data.count(b"\n") + 1))

    began = datetime.datetime.now()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda c: check_file(args.cronjob, c[0], c[3], args.timeout), cases))
    elapsed = (datetime.datetime.now() - began).total_seconds()

    counts = {"valid": 0, "invalid": 0, "located": 0, "crashes": 0, "listed": 0}
    by_class = {k: [0, 0] for k in ("valid", "invalid", "random")}
    failures = []
    failed_dir = os.path.join(args.logs, "failed-files")
    with open(os.path.join(args.logs, "files.log"), "w", encoding="utf-8", errors="backslashreplace") as log:
        for (path, klass, names, _), (code, out, err, problems, listing) in zip(cases, results):
            name = os.path.basename(path)
            log.write(f"== {name} class={klass} mutations={','.join(names)} exit={code}\n{out}{err}")
            if listing:
                log.write(f"-- listing exit={listing[0]} stdout_bytes={len(listing[1])}\n{listing[2]}")
                counts["listed"] += listing[0] == 0
            if code == 0:
                counts["valid"] += 1
                by_class[klass][0] += 1
                if klass == "invalid":
                    problems.append(("accepted", "invalid by construction, exit 0"))
            elif code == 78:
                counts["invalid"] += 1
                by_class[klass][1] += 1
                if not any(kind == "unlocated" for kind, _ in problems):
                    counts["located"] += 1
                if klass == "valid":
                    problems.append(("refused", "valid by construction, exit 78: " + err.strip().split("\n")[0][:200]))
            if any(kind in ("exit", "crash") for kind, _ in problems):
                counts["crashes"] += 1
            for kind, detail in problems:
                failures.append(f"{kind}: {name} ({klass}: {','.join(names)}): {detail}")
            if problems:
                os.makedirs(failed_dir, exist_ok=True)
                with open(path, "rb") as src, open(os.path.join(failed_dir, name), "wb") as dst:
                    dst.write(src.read())
    write_failures(os.path.join(args.logs, "files.failures"), failures)
    tally = {}
    for (_, klass, names, _), (code, *_rest) in zip(cases, results):
        for name in names:
            row = tally.setdefault((klass, name), [0, 0, 0])
            row[0 if code == 0 else 1 if code == 78 else 2] += 1
    with open(os.path.join(args.logs, "files.mutations"), "w") as f:
        f.write("class mutation exit0 exit78 other\n")
        for (klass, name), (ok, refused, other) in sorted(tally.items()):
            f.write(f"{klass} {name} {ok} {refused} {other}\n")
    classes = " ".join(f"{k}={v[0]}/{v[1]}" for k, v in by_class.items())
    print(f"files={len(cases)} valid={counts['valid']} invalid={counts['invalid']} located={counts['located']} "
          f"crashes={counts['crashes']} listed={counts['listed']} by_class(ok/refused): {classes} "
          f"seconds={elapsed:.1f} failures={len(failures)}{summarize(failures)}")


# ---------------------------------------------------------------- a proxy's HTML error page

def html_server(_args):
    import http.server

    page = (b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
            b"</center><hr><center>nginx</center></body></html>\n")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            self.send_response(502)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = answer

        def log_message(self, format, *args):  # the request line only: never headers (the token)
            sys.stdout.write("%s %s\n" % (self.command, self.path))
            sys.stdout.flush()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("listening on 127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("files", "expressions"):
        p = sub.add_parser(name)
        p.add_argument("--cronjob", required=True)
        p.add_argument("--count", type=int, required=True)
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("--work", required=True)
        p.add_argument("--logs", required=True)
        p.add_argument("--timeout", type=float, default=20 if name == "files" else 600)
        if name == "expressions":
            p.add_argument("--model-count", type=int, default=1 << 62,
                           help="compare at most this many accepted cron expressions with the independent model")
        if name == "files":
            p.add_argument("--original", required=True)
            p.add_argument("--jobs", type=int, default=2)
    sub.add_parser("html-server")
    args = parser.parse_args()
    {"files": run_files, "expressions": run_expressions, "html-server": html_server}[args.command](args)


if __name__ == "__main__":
    main()
