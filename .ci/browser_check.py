#!/usr/bin/env python3
"""Renders HTML reports in headless Chromium, as a reader's browser would, and fails on
what a reader would see go wrong: a blank page, a console error, a network request, or
content wider than the page. Writes a PNG and an A4 and a Letter PDF of each report.

A report with its JSON beside it (NAME.json, one profile) is also checked against it,
as rendered: the date under the title, the warnings and the homework it lists, the
decision path in words (no rule id shown anywhere), and the margin chart's numbers in
its labels and its caption.

Talks to the browser over the DevTools protocol on a pipe (--remote-debugging-pipe),
so it needs nothing beyond Python's standard library.

Usage: browser_check.py CHROMIUM OUT_DIR REPORT.html...
"""

import base64
import fcntl
import json
import os
import re
import subprocess
import sys
import zlib

# The page's content width when printed: A4 (the narrower paper) less the 10 mm
# margins of the report's @page rule, in CSS pixels (96 per inch).
PRINT_WIDTH = round((210 - 20) / 25.4 * 96)
# A phone held upright.
NARROW_WIDTH = 360
PAPERS = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}


class Browser:
    def __init__(self, binary, log_dir):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        # Moved above 4 first, so that placing one end on 3 or 4 cannot overwrite the other.
        for fd in (to_browser_r, from_browser_w):
            moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
            os.close(fd)
            if fd == to_browser_r:
                to_browser_r = moved
            else:
                from_browser_w = moved

        def fds():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.proc = subprocess.Popen(
            [
                binary,
                "--remote-debugging-pipe",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-sync",
                "--disable-component-update",
                "--disable-default-apps",
                "--no-default-browser-check",
                "--mute-audio",
                # A request the page makes is reported, never sent out.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "about:blank",
            ],
            # The pipe ends become fds 3 and 4 in the child, after the other fds would
            # be closed, so nothing is closed for it.
            close_fds=False,
            preexec_fn=fds,
            stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(log_dir, "chromium.log"), "w"),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, session):
        for i, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                del self.events[i]
                return event
        while True:
            event = self.receive()
            if event.get("method") == method and event.get("sessionId") == session:
                return event
            self.events.append(event)

    def close(self):
        try:
            self.send("Browser.close")
        except RuntimeError:
            pass
        self.proc.wait(timeout=10)


def png_is_blank(data):
    """True when every pixel row of the PNG is the same, as on an empty page."""
    pos, idat = 8, b""
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        if kind == b"IHDR":
            width = int.from_bytes(data[pos + 8 : pos + 12], "big")
            channels = {2: 3, 6: 4, 0: 1, 4: 2}[data[pos + 17]]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels + 1
    rows = {raw[i : i + stride] for i in range(0, len(raw), stride)}
    return len(rows) <= 2


WIDTH_SCRIPT = """(() => {
  const doc = document.documentElement;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > doc.clientWidth + 1) wide.push(el.tagName + '.' + (el.getAttribute('class') || '') + ' ' + (el.textContent || '').slice(0, 40));
  }
  return JSON.stringify({scroll: doc.scrollWidth, client: doc.clientWidth,
    text: document.body.innerText.trim().length, wide: wide.slice(0, 5)});
})()"""


CONTENT_SCRIPT = """(() => {
  const page = document.querySelector('section.page.profile');
  const texts = (sel) => [...page.querySelectorAll(sel)].map(e => (e.innerText ?? e.textContent).trim());
  const shown = (sel) => [...page.querySelectorAll(sel)].every(e => {
    const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  return JSON.stringify({
    date: texts('header time'), dateShown: shown('header time'),
    byline: texts('header .byline'),
    warnings: texts('.warnings .warning-list li'), warningsShown: shown('.warnings li'),
    homework: texts('.homework .questions li'), homeworkShown: shown('.homework li'),
    path: texts('.decision-path li'),
    places: texts('svg.quadrant g.place text'),
    caption: texts('figure.quadrant figcaption'),
    visible: document.body.innerText,
  });
})()"""

# A rule id as the JSON writes it ("flow.must-own-customer"): never shown on the page.
RULE_ID = re.compile(r"\b(flow|gate|fit|pattern|advice|label|step|strip|program)\.[a-z0-9]+(-[a-z0-9]+)+\b")


def check_content(facts, report):
    """What the page shows against the assessment it was rendered from."""
    problems = []
    a = report["profiles"][0]
    if not facts["date"] or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", facts["date"][0]):
        problems.append(f"no date under the title: {facts['date']}")
    elif not facts["dateShown"]:
        problems.append("the date is not visible")
    warnings = a["warnings"]
    if warnings and not facts["warnings"]:
        problems.append(f"{len(warnings)} warnings apply and none is listed")
    titles = {w["title"] for w in warnings}
    for item in facts["warnings"]:
        if not any(item.startswith(t) for t in titles):
            problems.append(f"a warning the assessment does not hold: {item[:60]}")
    if facts["warnings"] and not facts["warningsShown"]:
        problems.append("a warning is not visible")
    open_answers = [u for u in a["unknowns"] if u["changes_recommendation"] or u["could_change"]]
    if open_answers and not facts["homework"]:
        problems.append(f"{len(open_answers)} answers are missing and no question is listed")
    for item in facts["homework"]:
        if "?" not in item:
            problems.append(f"homework not worded as a question: {item[:60]}")
    if facts["homework"] and not facts["homeworkShown"]:
        problems.append("a homework question is not visible")
    steps = a["decision_path"]
    if len(facts["path"]) != len(steps):
        problems.append(f"{len(facts['path'])} decision steps shown for {len(steps)}")
    for shown, step in zip(facts["path"], steps):
        if not shown.startswith(step["question"]):
            problems.append(f"a decision step without its question: {shown[:60]}")
        motion = step["leads_to"]
        if motion in {m["motion"] for m in a["motions"]} and not shown.split("\n")[0].endswith(motion):
            problems.append(f"the step that ends the flow does not name {motion}: {shown[:80]}")
    ids = sorted({m.group(0) for m in RULE_ID.finditer(facts["visible"])})
    if ids:
        problems.append(f"rule ids shown to the reader: {ids[:5]}")
    quadrant = a.get("quadrant")
    if quadrant:
        caption = " ".join(facts["caption"])
        for place in quadrant["places"]:
            label = next((t for t in facts["places"] if t.startswith(place["motion"] + " ") or t == place["motion"]), None)
            if label is None:
                problems.append(f"the chart does not place {place['motion']}")
                continue
            kept = place["kept"]
            if kept is not None and f"{kept}%" not in label:
                problems.append(f"the chart's {place['motion']} label lacks its {kept}%: {label}")
            if kept is not None and kept != 100 and f"{kept}%" not in caption:
                problems.append(f"the caption does not say {place['motion']} keeps {kept}%")
        if caption != quadrant["caption"]:
            problems.append("the chart's caption is not the assessment's")
    return problems


def check(browser, path, out_dir):
    problems = []
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send(
        "Target.attachToTarget", {"targetId": target, "flatten": True}
    )["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(f"{domain}.enable", session=session)
    url = "file://" + os.path.abspath(path)
    browser.send("Page.navigate", {"url": url}, session=session)
    browser.wait_for("Page.loadEventFired", session)

    def measure(width):
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 1100, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        result = browser.send(
            "Runtime.evaluate",
            {"expression": WIDTH_SCRIPT, "returnByValue": True},
            session=session,
        )
        return json.loads(result["result"]["value"])

    for width in (PRINT_WIDTH, NARROW_WIDTH):
        m = measure(width)
        if m["text"] == 0 and width == PRINT_WIDTH:
            problems.append("the page has no text")
        if m["scroll"] > m["client"] or m["wide"]:
            problems.append(
                f"content wider than a {width}px page ({m['scroll']}px): {m['wide']}"
            )
    measure(PRINT_WIDTH)
    report_path = os.path.splitext(path)[0] + ".json"
    if os.path.exists(report_path):
        facts = browser.send(
            "Runtime.evaluate",
            {"expression": CONTENT_SCRIPT, "returnByValue": True},
            session=session,
        )
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
        if "value" not in facts["result"]:
            raise RuntimeError(f"reading the page: {facts}")
        problems += check_content(json.loads(facts["result"]["value"]), report)
    shot = base64.b64decode(
        browser.send(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
            session=session,
        )["data"]
    )
    name = os.path.splitext(os.path.basename(path))[0]
    with open(os.path.join(out_dir, name + ".png"), "wb") as f:
        f.write(shot)
    if png_is_blank(shot):
        problems.append("the screenshot is blank")
    pages = {}
    for paper, (width, height) in PAPERS.items():
        pdf = base64.b64decode(
            browser.send(
                "Page.printToPDF",
                {"paperWidth": width, "paperHeight": height, "preferCSSPageSize": False},
                session=session,
            )["data"]
        )
        with open(os.path.join(out_dir, f"{name}.{paper}.pdf"), "wb") as f:
            f.write(pdf)
        pages[paper] = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        if pages[paper] == 0:
            problems.append(f"the {paper} PDF has no page")
    # How the print layout reads, as one picture.
    browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
    printed = base64.b64decode(
        browser.send(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
            session=session,
        )["data"]
    )
    with open(os.path.join(out_dir, name + ".print.png"), "wb") as f:
        f.write(printed)
    for event in browser.events:
        if event.get("sessionId") != session:
            continue
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append(f"console error: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            problems.append(f"exception: {params['exceptionDetails'].get('text')}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            problems.append(f"console error: {params['entry']['text']}")
        elif method == "Network.requestWillBeSent":
            request = params["request"]["url"]
            if request != url and not request.startswith("data:"):
                problems.append(f"network request: {request}")
    browser.events = [e for e in browser.events if e.get("sessionId") != session]
    browser.send("Target.closeTarget", {"targetId": target})
    return problems, pages


def main():
    binary, out_dir, reports = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    browser = Browser(binary, out_dir)
    failed = 0
    try:
        for path in reports:
            problems, pages = check(browser, path, out_dir)
            html = open(path, encoding="utf-8").read()
            sections = html.count('<section class="page')
            # Each profile's page prints on one sheet; the ranking of many partners may
            # run over onto more (its table grows with the portfolio).
            ranking = '<section class="page ranking' in html
            for paper, count in pages.items():
                if count > sections and not ranking:
                    problems.append(
                        f"{count} {paper} pages for {sections} page(s): a page runs over"
                    )
            status = "ok" if not problems else "FAILED"
            print(
                f"{status:6} {path}: {sections} page section(s), "
                f"{pages['a4']} A4 / {pages['letter']} Letter PDF pages"
            )
            for p in problems:
                print(f"       - {p}")
            failed += bool(problems)
    finally:
        browser.close()
    if failed:
        print(f"{failed} of {len(reports)} reports failed the browser check")
        sys.exit(1)


if __name__ == "__main__":
    main()
