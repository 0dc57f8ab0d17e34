#!/usr/bin/env python3
"""Opens an HTML report in headless Chromium and checks what only a browser can tell.

    browser.py --html FILE [--png OUT.png] [--print-png OUT.png]
               [--expect-banner | --expect-no-banner] [--canary TEXT]
    browser.py --self-test

The report must be one self-contained file that a browser shows, prints and reads aloud
correctly while fetching nothing. Over the DevTools protocol (--remote-debugging-pipe), with the
network pointed at a dead proxy, this checks that:

  * loading it makes no request but the document itself, and the console logs no Content
    Security Policy violation, failed load, error or warning;
  * the rendered DOM has a lang, one <h1>, an <h2>, and at least one figure.chart; every chart
    has an <svg> whose <title> and <desc> are non-empty and named by its aria-labelledby, and a
    <table> with a data row; the private banner is there or not as asked; a --canary text
    (something private that must not leak into this view) appears nowhere;
  * a full-page screenshot is not blank, and the page itself never scrolls sideways on a 1100px
    screen (a wide table scrolls in its own box);
  * the background follows the system: light with prefers-color-scheme: light, dark with dark;
  * with print media at A4 and Letter widths (less 15 mm margins) nothing sticks out to the
    right, the print-width screenshot is not blank, and Page.printToPDF gives a PDF.

Prints `FILE: problem` for each failure and exits 1, or exits 0 silently. Exits 77 (ctest's
SKIP_RETURN_CODE) when Chromium cannot be found or started. `--self-test` checks a page that
loads an outside image, has a chart without a description and no dark scheme, and fails unless
all three are caught
and a minimal good page passes: proof that the checks can fail.
"""
import argparse, base64, collections, fcntl, itertools, json, os, pathlib, select
import shutil, signal, struct, subprocess, sys, tempfile, time, urllib.parse, zlib

SKIP = 77
RUN_LIMIT = 40  # seconds for all DevTools calls; an alarm rings at 45 s, closing takes at most 10 s
A4_PX = int((210 - 30) / 25.4 * 96)         # 680: A4 width less two 15 mm margins, at 96 px/in
LETTER_PX = int(8.5 * 96 - 30 / 25.4 * 96)  # 702: US Letter, the same margins


class Skip(Exception):
    pass


class Chromium:
    """A headless Chromium spoken to over fds 3 (its input) and 4 (its output), NUL-framed JSON."""

    def __init__(self, deadline):
        exe = os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, (
            "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"))), None)
        if not exe:
            raise Skip("no chromium, chromium-browser or google-chrome on PATH (or set CHROMIUM)")
        self.deadline, self.next_id, self.events, self.buffer = deadline, 0, [], bytearray()
        self.home = tempfile.mkdtemp(prefix="balance-browser-")
        flags = ["--headless=new", "--remote-debugging-pipe", "--no-first-run",
                 "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
                 "--disable-background-networking", "--disable-sync", "--disable-component-update",
                 f"--user-data-dir={self.home}/profile", "--hide-scrollbars",
                 "--force-device-scale-factor=1", "--proxy-server=127.0.0.1:9",
                 "--proxy-bypass-list=<-loopback>"] + (["--no-sandbox"] if os.geteuid() == 0 else [])
        to_child, self.wfd = os.pipe()
        self.rfd, from_child = os.pipe()

        def fds_3_and_4():  # in the child: move both ends out of the way first, then onto 3 and 4
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]
            for target, fd in zip((3, 4), high):
                os.dup2(fd, target)
                os.close(fd)

        self.log = open(os.path.join(self.home, "stderr.txt"), "w+b")
        env = dict(os.environ, HOME=self.home, XDG_CONFIG_HOME=self.home + "/config",
                   XDG_CACHE_HOME=self.home + "/cache")
        try:
            self.proc = subprocess.Popen([exe, *flags, "about:blank"], stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=self.log, env=env,
                                         close_fds=False, preexec_fn=fds_3_and_4, start_new_session=True)
        except OSError as e:
            self.log.close()
            shutil.rmtree(self.home, ignore_errors=True)
            raise Skip(f"{exe}: {e}")
        finally:
            os.close(to_child), os.close(from_child)
        try:
            self.version = self.call("Browser.getVersion", timeout=20)["product"]
        except (TimeoutError, EOFError, OSError) as e:
            self.log.seek(0)
            why = " | ".join(self.log.read().decode(errors="replace").strip().splitlines()[-3:])
            self.close(politely=False)
            raise Skip(f"{exe} did not answer ({e}): {why}")

    def receive(self, until):
        while (end := self.buffer.find(b"\0")) < 0:
            left = until - time.monotonic()
            if left <= 0 or not select.select([self.rfd], [], [], left)[0]:
                raise TimeoutError("timed out")
            chunk = os.read(self.rfd, 1 << 20)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self.buffer += chunk
        message = json.loads(self.buffer[:end])
        del self.buffer[:end + 1]
        return message

    def call(self, method, params=None, session=None, timeout=15):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.wfd, json.dumps(message).encode() + b"\0")
        until = min(time.monotonic() + timeout, self.deadline)
        while True:
            reply = self.receive(until)
            if reply.get("id") != self.next_id:
                self.events.append(reply)
            elif "error" in reply:
                raise RuntimeError(f"{method}: {reply['error'].get('message')}")
            else:
                return reply.get("result", {})

    def wait_for(self, method, session, timeout, since=0):
        """Waits for the event `method` of `session` that comes after event number `since`."""
        until = min(time.monotonic() + timeout, self.deadline)
        while not any(e.get("method") == method and e.get("sessionId") == session for e in self.events[since:]):
            self.events.append(self.receive(until))

    def close(self, politely=True):
        try:
            if politely:
                self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=5 if politely else 0.5)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.wfd), os.close(self.rfd), self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)


def png_pixels(data):
    """(width, height, rows of bytes, bytes per pixel) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    if not header:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    bpp, raw = (3 if colour == 2 else 4), zlib.decompress(b"".join(idat))
    stride, rows, prior = width * bpp, [], bytearray(width * bpp)
    low, high = int.from_bytes(b"\x7f" * stride, "big"), int.from_bytes(b"\x80" * stride, "big")
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:    # Sub: a running sum of each channel, mod 256
            for c in range(bpp):
                line[c::bpp] = bytes(map((255).__and__, itertools.accumulate(line[c::bpp])))
        elif kind == 2:  # Up: bytewise sum with the row above, all bytes at once in one big integer
            x, u = int.from_bytes(line, "big"), int.from_bytes(prior, "big")
            line = bytearray((((x & low) + (u & low)) ^ ((x ^ u) & high)).to_bytes(stride, "big"))
        elif kind == 3:  # Average
            for i in range(stride):
                line[i] = (line[i] + (((line[i - bpp] if i >= bpp else 0) + prior[i]) >> 1)) & 255
        elif kind == 4:  # Paeth; the first pixel has no left or upper-left neighbour: predicts `b`
            for i in range(bpp):
                line[i] = (line[i] + prior[i]) & 255
            for i in range(bpp, stride):
                a, b, c = line[i - bpp], prior[i], prior[i - bpp]
                pa, pb, pc = b - c, a - c, a + b - c - c
                pa, pb, pc = (pa if pa >= 0 else -pa), (pb if pb >= 0 else -pb), (pc if pc >= 0 else -pc)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif kind != 0:
            raise ValueError(f"bad PNG filter type {kind} in row {y}")
        rows.append(line)
        prior = line
    return width, height, rows, bpp


def blank_problem(png, what):
    """Why the screenshot looks blank, or None: it needs 2 colours and 1% of pixels off the usual one."""
    try:
        width, height, rows, bpp = png_pixels(png)
    except (ValueError, zlib.error, struct.error) as e:
        return f"{what} is not a readable PNG: {e}"
    step = max(1, int((width * height / 200000) ** 0.5))
    sample = collections.Counter(bytes(rows[y][x * bpp:(x + 1) * bpp])
                                 for y in range(0, height, step) for x in range(0, width, step))
    total, common = sum(sample.values()), sample.most_common(1)[0][1]
    if len(sample) < 2 or (total - common) < total / 100:
        return (f"{what} ({width}x{height}) is blank: {len(sample)} colours, "
                f"{100 * (total - common) / total:.2f}% of pixels off the background")
    return None


DOM_CHECKS = r"""((canary, banner) => {
  const f = [], de = document.documentElement, text = e => (e && e.textContent || "").trim();
  if (!de.lang.trim()) f.push("<html> has no lang");
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) f.push(`${h1} <h1> elements, expected exactly one`);
  if (!document.querySelector("h2")) f.push("no <h2>");
  const charts = [...document.querySelectorAll("figure.chart")];
  if (!charts.length) f.push("no figure.chart");
  charts.forEach((fig, i) => {
    const svg = fig.querySelector("svg"), kids = svg ? [...svg.children] : [];
    const title = kids.find(k => k.localName === "title"), desc = kids.find(k => k.localName === "desc");
    const name = `chart ${i + 1}` + (text(title) ? ` "${text(title).slice(0, 60)}"` : "");
    if (!svg) return f.push(`${name}: no <svg>`);
    if (svg.getAttribute("role") !== "img") f.push(`${name}: the <svg> has no role="img"`);
    const ids = (svg.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    for (const id of ids) if (!document.getElementById(id)) f.push(`${name}: aria-labelledby names "${id}", which is not there`);
    for (const [what, el, lacking] of [["title", title, "a name"], ["desc", desc, "a description"]])
      if (!text(el)) f.push(`${name}: the <svg> has no ${what} (a chart without ${lacking})`);
      else if (!(el.id && ids.includes(el.id) && document.getElementById(el.id) === el))
        f.push(`${name}: aria-labelledby="${ids.join(" ")}" does not name its <${what}>`);
    const table = fig.querySelector("table");
    if (!table) f.push(`${name}: no <table> of its data`);
    else if (![...table.rows].some(r => r.parentElement.localName !== "thead" && r.querySelector("td")))
      f.push(`${name}: its <table> has no data row`);
  });
  const flag = document.querySelector(".private-banner");
  if (banner === true && !(flag && flag.localName === "p" && flag.innerText.trim() && flag.getClientRects().length))
    f.push("no visible <p class=\"private-banner\">, but this is the private view");
  if (banner === false && flag) f.push("a .private-banner in the shared view");
  if (canary && (de.outerHTML.includes(canary) || document.body.innerText.includes(canary)))
    f.push(`the canary text ${JSON.stringify(canary)} is in the page`);
  return f;
})"""
OVERFLOW_CHECK = r"""(() => {
  const w = window.innerWidth, f = [], de = document.documentElement;
  if (de.scrollWidth > w) f.push(`the page is ${de.scrollWidth}px wide, wider than the paper`);
  for (const el of document.querySelectorAll("svg, table, figure")) {
    const right = el.getBoundingClientRect().right, cls = el.getAttribute("class"), id = el.id;
    if (right > w + 0.5) {
      const t = el.closest("figure")?.querySelector("svg > title");
      f.push(`<${el.localName}${id ? "#" + id : ""}${cls ? "." + cls.trim().split(/\s+/).join(".") : ""}>`
        + (t ? ` of chart "${t.textContent.trim().slice(0, 60)}"` : "") + ` sticks out to ${right.toFixed(1)}px`);
    }
  }
  return [w, f];
})()"""


def evaluate(chrome, session, expression):
    """The value of a JavaScript expression in the page (DevTools evaluation is not bound by its CSP)."""
    reply = chrome.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
    if "exceptionDetails" in reply:
        raise RuntimeError(f"a check threw: {reply['exceptionDetails'].get('exception', {}).get('description')}")
    return reply["result"].get("value")


def screenshot(chrome, session):
    size = chrome.call("Page.getLayoutMetrics", {}, session)
    size = size.get("cssContentSize") or size["contentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 16000), "scale": 1}
    return base64.b64decode(chrome.call("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True, "clip": clip}, session, timeout=30)["data"])


def set_width(chrome, session, width):
    chrome.call("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session)


BACKGROUND = "getComputedStyle(document.documentElement).backgroundColor"


def luminance(css_colour):
    """0 (black) to 1 (white) for an rgb()/rgba() value as getComputedStyle gives it."""
    parts = [float(p) for p in css_colour[css_colour.index("(") + 1:-1].replace("/", ",").split(",")]
    if len(parts) == 4 and parts[3] == 0:
        return 1.0  # transparent: the browser's own white canvas shows through
    return sum(w * c / 255 for w, c in zip((0.2126, 0.7152, 0.0722), parts))


def colour_schemes(chrome, session):
    """The page follows the system: a light background in a light scheme, a dark one in a dark."""
    failures = []
    for scheme, ok in (("dark", lambda l: l < 0.25), ("light", lambda l: l > 0.75)):
        chrome.call("Emulation.setEmulatedMedia", {"media": "screen", "features": [
            {"name": "prefers-color-scheme", "value": scheme}]}, session)
        colour = evaluate(chrome, session, BACKGROUND)
        if not ok(luminance(colour)):
            failures.append(f"with prefers-color-scheme: {scheme} the background is {colour}")
    chrome.call("Emulation.setEmulatedMedia", {"media": "", "features": []}, session)
    return failures


def check_page(chrome, path, png=None, print_png=None, banner=None, canary=None):
    """Every failure found while loading, reading, shooting and printing the page at `path`."""
    url, failures = pathlib.Path(path).resolve().as_uri(), []
    target = chrome.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = chrome.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Network", "Page", "Log", "Runtime"):
        chrome.call(f"{domain}.enable", {}, session)
    set_width(chrome, session, 1100)
    since, navigation = len(chrome.events), chrome.call("Page.navigate", {"url": url}, session, timeout=30)
    if navigation.get("errorText"):
        return [f"cannot open {url}: {navigation['errorText']}"]
    chrome.wait_for("Page.loadEventFired", session, timeout=30, since=since)
    if urllib.parse.unquote(evaluate(chrome, session, "location.href")) != urllib.parse.unquote(url):
        return [f"the tab shows {evaluate(chrome, session, 'location.href')}, not {url}"]
    failures += evaluate(chrome, session, f"{DOM_CHECKS}({json.dumps(canary)}, {json.dumps(banner)})")
    # On a screen a wide table scrolls inside its own box; the page itself never scrolls sideways.
    wide = evaluate(chrome, session, "[document.documentElement.scrollWidth, window.innerWidth]")
    if wide[0] > wide[1]:
        failures.append(f"on a 1100px screen the page is {wide[0]}px wide and scrolls sideways")
    shots = [(screenshot(chrome, session), png, "the screenshot")]
    failures += colour_schemes(chrome, session)
    chrome.call("Emulation.setEmulatedMedia", {"media": "print"}, session)
    for paper, width in (("A4", A4_PX), ("Letter", LETTER_PX)):
        set_width(chrome, session, width)
        inner, sticking_out = evaluate(chrome, session, OVERFLOW_CHECK)
        if inner != width:
            failures.append(f"printing on {paper}: the window is {inner}px wide, not {width}px")
        failures += [f"printing on {paper} ({width}px): {s}" for s in sticking_out]
        if paper == "A4":
            shots.append((screenshot(chrome, session), print_png, "the print screenshot"))
    for data, out, what in shots:
        if out:
            pathlib.Path(out).write_bytes(data)
        failures += filter(None, [blank_problem(data, what)])
    chrome.call("Emulation.clearDeviceMetricsOverride", {}, session)
    pdf = base64.b64decode(chrome.call("Page.printToPDF", {
        "preferCSSPageSize": False, "paperWidth": 8.27, "paperHeight": 11.69, "marginTop": 0.59,
        "marginBottom": 0.59, "marginLeft": 0.59, "marginRight": 0.59}, session, timeout=30)["data"])
    if not pdf.startswith(b"%PDF"):
        failures.append(f"Page.printToPDF did not give a PDF: {pdf[:20]!r}")
    evaluate(chrome, session, "document.documentElement.offsetHeight")  # flush late events
    failures += page_events(chrome, session, url)
    chrome.call("Target.closeTarget", {"targetId": target})
    return failures


def page_events(chrome, session, url):
    """Requests other than the document itself, and console or log messages, of one page."""
    failures, document, urls, asked = [], urllib.parse.unquote(url), {}, {}
    for event in (e for e in chrome.events if e.get("sessionId") == session):
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            request = urls[params["requestId"]] = params["request"]["url"]
            if not request.startswith("data:") and urllib.parse.unquote(request.split("#")[0]) != document:
                asked[params["requestId"]] = f"a request left the page: {params.get('type', '')} {request}"
        elif method == "Network.loadingFailed":
            why = params.get("blockedReason") or params.get("errorText")
            if params["requestId"] in asked:  # Chromium reports a request even when the CSP stops it
                asked[params["requestId"]] += f" (then failed: {why})"
            else:
                failures.append(f"loading {urls.get(params['requestId'], 'something')} failed: {why}")
        elif method == "Log.entryAdded":  # CSP violations come as source "security", failed loads "network"
            entry, text = params["entry"], params["entry"].get("text", "") + f" ({params['entry'].get('url', '')})"
            if entry.get("level") in ("error", "warning") or entry.get("source") in ("security", "network") \
                    or "Content Security Policy" in text or "Failed to load" in text:
                failures.append(f"console {entry.get('source')} {entry.get('level')}: {text}")
        elif method == "Runtime.consoleAPICalled":
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            failures.append(f"console.{params.get('type')} ran (the report has no script): {args}")
        elif method == "Runtime.exceptionThrown":
            failures.append(f"a script error: {params['exceptionDetails'].get('text')}")
    return failures + list(asked.values())


SELF_TEST_BAD = """<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>bad</title>
<main><h1>Bad</h1><section><h2>Leaks</h2><img src="http://example.invalid/x.png" alt="">
<figure class="chart"><svg role="img" aria-labelledby="t1" viewBox="0 0 10 10"><title id="t1">T</title>
<rect width="10" height="5" fill="#036"/></svg><table><tr><th>a</th></tr><tr><td>1</td></tr></table>
</figure></section></main>"""
SELF_TEST_GOOD = SELF_TEST_BAD.replace("<title>bad", """<meta http-equiv="Content-Security-Policy"
content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><style>html { background: #fff; }
@media (prefers-color-scheme: dark) { html { background: #111; } }</style><title>good""").replace(
    '<img src="http://example.invalid/x.png" alt="">', "").replace(
    'aria-labelledby="t1"', 'aria-labelledby="t1 d1"').replace('T</title>', 'T</title><desc id="d1">D</desc>')


def self_test(chrome):
    directory, problems = tempfile.mkdtemp(prefix="balance-self-test-"), []
    try:
        for name, text in (("bad.html", SELF_TEST_BAD), ("good.html", SELF_TEST_GOOD)):
            pathlib.Path(directory, name).write_text(text, encoding="utf-8")
        bad = check_page(chrome, os.path.join(directory, "bad.html"))
        for symptom in ("a request left the page: Image http://example.invalid/x.png", "without a description",
                        "with prefers-color-scheme: dark the background is rgba(0, 0, 0, 0)"):
            if not any(symptom in failure for failure in bad):
                problems.append(f"missed {symptom!r} in the bad page; found {bad}")
        good = check_page(chrome, os.path.join(directory, "good.html"), banner=False, canary="sEcReT")
        problems += [f"the good page failed: {failure}" for failure in good]
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return problems


def on_alarm(signum, frame):
    raise TimeoutError(f"the run took more than {RUN_LIMIT + 5} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for option in ("--html", "--png", "--print-png", "--canary"):
        parser.add_argument(option)
    parser.add_argument("--expect-banner", dest="banner", action="store_true", default=None)
    parser.add_argument("--expect-no-banner", dest="banner", action="store_false")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if not args.self_test and not args.html:
        parser.error("--html FILE or --self-test is required")
    if args.html and not os.path.isfile(args.html):
        print(f"{args.html}: no such file")
        return 1
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(RUN_LIMIT + 5)  # a last resort: every DevTools call already stops at the deadline
    try:
        chrome = Chromium(deadline=time.monotonic() + RUN_LIMIT)
    except Skip as e:
        print(f"SKIP: headless Chromium cannot start here: {e}")
        return SKIP
    label = args.html or "self-test"
    try:
        if args.self_test:
            failures = self_test(chrome)
        else:
            failures = check_page(chrome, args.html, args.png, args.print_png, args.banner, args.canary)
    except (TimeoutError, EOFError, RuntimeError, OSError, KeyError) as e:
        failures = [f"the browser check broke off: {type(e).__name__}: {e}"]
    finally:
        signal.alarm(0)
        chrome.close()  # at most 10 s more
    for failure in failures:
        print(f"{label}: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
