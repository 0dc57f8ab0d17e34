#!/usr/bin/env python3
"""Static checks of the HTML the renderer writes: validate.py FILE...   or   validate.py --self-test

The HTML report is meant to be one self-contained, script-free HTML5 file that is safe to open
anywhere and to mail to someone. This script checks what can be checked without a browser:

  * it parses as HTML5 without a single parse error (html5lib, strict mode: a stray end tag,
    a missing doctype, a duplicate attribute, a bad character reference... all count);
  * `<!DOCTYPE html>` comes first, `<html lang="...">` has a non-empty lang, there is exactly one
    `<meta charset="utf-8">` and a Content-Security-Policy `<meta>` that starts `default-src 'none'`;
  * there is no JavaScript: no `<script>` (HTML or SVG), no `on...=` handler attribute,
    no `javascript:` URL, no `<meta http-equiv="refresh">`;
  * nothing is fetched from elsewhere: every URL attribute (src, href, xlink:href, action, srcset,
    poster, data...) is a `#fragment` or a `data:` URL (an `<a href>` may also be a relative link,
    which loads nothing on its own), no absolute http:, https: or `//` URL, and every CSS `url(...)`,
    in `<style>` or in any attribute, is `url(#...)` or `url(data:...)`; no CSS `@import`.

Prints `FILE: problem` for each problem and exits 1; prints nothing and exits 0 when every file
passes. Exits 77 (ctest's SKIP_RETURN_CODE) when html5lib is not installed. `--self-test` runs the
checks on a few broken in-memory documents and one good one, and fails unless each broken one is
rejected and the good one accepted, so a passing run is known to be able to fail.
"""
import re
import sys

try:
    import html5lib
    from html5lib.constants import E as HTML5LIB_MESSAGES
except ImportError:
    html5lib = None

SKIP = 77
XMLNS = "{http://www.w3.org/2000/xmlns/}"
XLINK = "{http://www.w3.org/1999/xlink}"
URL_ATTRIBUTES = {"src", "href", "action", "formaction", "srcset", "poster", "data", "cite",
                  "background", "ping", "manifest", "longdesc", "codebase", "archive", "icon"}
DOCTYPE = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<!doctype\s+html\s*>", re.I | re.S)
CSS_URL = re.compile(r"url\(\s*(['\"]?)\s*([^)'\"]*)", re.I)
SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.I)


def local(name):
    """`{namespace}name` -> `name`: SVG elements and xlink attributes come namespaced."""
    if name.startswith(XLINK):
        return "xlink:" + name[len(XLINK):]
    return name.rsplit("}", 1)[-1]


def parse_problems(text):
    """Every parse error, the first found in strict mode and the rest by a lenient parse."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        return parser.parse(text), []
    except html5lib.html5parser.ParseError:
        pass
    lenient = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    root = lenient.parse(text)
    problems = []
    for (line, col), code, datavars in lenient.errors:
        try:
            message = HTML5LIB_MESSAGES.get(code, code) % datavars
        except (TypeError, KeyError, ValueError):
            message = code
        problems.append(f"html5lib: line {line} col {col}: {message} [{code}]")
    return root, problems


def url_problem(element, attribute, value):
    """Why a URL attribute's value points outside the file, or None if it does not."""
    v = value.strip()
    if v.startswith("#") or v.lower().startswith("data:"):
        return None
    scheme = SCHEME.match(v)
    if attribute == "srcset":
        return f"<{element} srcset={value!r}> loads an image that is not in the file"
    if scheme or v.startswith("//") or re.search(r"https?:", v, re.I):
        return f"<{element} {attribute}={value!r}> is an external URL"
    if element == "a" and attribute == "href":
        return None  # a relative link the reader may follow; it loads nothing by itself
    return f"<{element} {attribute}={value!r}> loads a file that is not inside this one"


def css_problems(where, css):
    problems = []
    for match in CSS_URL.finditer(css):
        target = match.group(2).strip()
        if not (target.startswith("#") or target.lower().startswith("data:")):
            problems.append(f"{where}: CSS url({target}) is outside the file")
    if re.search(r"@import\b", css, re.I):
        problems.append(f"{where}: CSS @import")
    return problems


def tree_problems(root):
    problems = []
    if not root.get("lang", "").strip():
        problems.append("<html> has no lang (or an empty one)")
    charsets, csp = 0, []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # comments
        tag = local(el.tag)
        if tag == "script":
            problems.append("<script> element: the report must not contain JavaScript")
        if tag == "style":
            problems += css_problems("<style>", "".join(el.itertext()))
        if tag == "meta":
            if "charset" in el.attrib:
                charsets += 1
                if el.get("charset").strip().lower() != "utf-8":
                    problems.append(f"<meta charset={el.get('charset')!r}> is not utf-8")
            equiv = el.get("http-equiv", "").strip().lower()
            if equiv == "content-security-policy":
                csp.append(el.get("content", ""))
            elif equiv == "refresh":
                problems.append("<meta http-equiv=refresh> navigates away")
        for name, value in el.attrib.items():
            if name.startswith(XMLNS) or name == "xmlns":
                continue  # xmlns="http://www.w3.org/2000/svg" names a namespace, loads nothing
            attr = local(name)
            if attr.lower().startswith("on"):
                problems.append(f"<{tag} {attr}=...> is an event handler: no JavaScript allowed")
            if attr.lower().replace("xlink:", "") in URL_ATTRIBUTES:
                problem = url_problem(tag, attr, value)
                if problem:
                    problems.append(problem)
            elif re.search(r"javascript:", value, re.I):
                problems.append(f"<{tag} {attr}=...> contains javascript:")
            if "url(" in value.lower() or "@import" in value.lower():
                problems += css_problems(f"<{tag} {attr}=...>", value)
    if charsets != 1:
        problems.append(f'{charsets} <meta charset> elements, expected exactly one <meta charset="utf-8">')
    if not csp:
        problems.append("no <meta http-equiv=Content-Security-Policy>")
    for content in csp:
        if not content.strip().startswith("default-src 'none'"):
            problems.append(f"Content-Security-Policy {content!r} does not start with default-src 'none'")
    return problems


def problems_of(text):
    root, problems = parse_problems(text)
    if not DOCTYPE.match(text):
        problems.insert(0, "does not start with <!DOCTYPE html>")
    return problems + tree_problems(root)


def check_file(path):
    try:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        return [f"cannot read as UTF-8: {e}"]
    return problems_of(text)


HEAD = ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'style-src \'unsafe-inline\'; img-src data:">\n<title>t</title>\n'
        '<style>.bar { fill: url(#g); } .x { background: url("data:image/png;base64,AA==") }</style>\n'
        '</head>\n<body><main><h1>Balance</h1>\n')
CHART = ('<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
         'aria-labelledby="t1 d1" viewBox="0 0 10 10"><title id="t1">T</title><desc id="d1">D</desc>'
         '<rect width="5" height="5" fill="url(#g)"/></svg><table><tr><th>a</th></tr>'
         '<tr><td>1</td></tr></table></figure>\n')
TAIL = '</main></body>\n</html>\n'
SELF_TEST_BAD = {  # name: (document, words the rejection must contain)
    "stray </div>": (HEAD + CHART + "</div>" + TAIL, "html5lib"),
    "<script>": (HEAD + "<script>alert(1)</script>" + CHART + TAIL, "<script>"),
    "https image": (HEAD + '<img src="https://x" alt="">' + CHART + TAIL, "external URL"),
    "missing lang": (HEAD.replace(' lang="en"', "") + CHART + TAIL, "lang"),
    "no CSP meta": (re.sub(r'<meta http-equiv=.*?>\n', "", HEAD) + CHART + TAIL, "Content-Security-Policy"),
    "CSS url(https:)": (HEAD + '<p style="background:url(https://x/y.png)">p</p>' + CHART + TAIL, "CSS url"),
    "svg xlink:href //": (HEAD + CHART.replace("<rect", '<image xlink:href="//x/y.png"/><rect').replace(
        "<svg ", '<svg xmlns:xlink="http://www.w3.org/1999/xlink" ') + TAIL, "xlink:href"),
    "onclick": (HEAD + '<p onclick="x()">p</p>' + CHART + TAIL, "event handler"),
}
SELF_TEST_GOOD = HEAD + CHART + '<p class="private-banner">Only you see this.</p>' + TAIL


def self_test():
    failures = []
    for name, (text, expected) in SELF_TEST_BAD.items():
        problems = problems_of(text)
        if not any(expected in p for p in problems):
            failures.append(f"self-test: the document with {name} was not rejected for it: {problems}")
    good = problems_of(SELF_TEST_GOOD)
    failures += [f"self-test: the good document was rejected: {p}" for p in good]
    for failure in failures:
        print(failure)
    return 1 if failures else 0


def main(argv):
    if html5lib is None:
        print("SKIP: python3-html5lib is not installed (apt-get install python3-html5lib)")
        return SKIP
    if argv == ["--self-test"]:
        return self_test()
    if not argv or any(a.startswith("-") for a in argv):
        print("usage: validate.py FILE... | validate.py --self-test", file=sys.stderr)
        return 2
    status = 0
    for path in argv:
        for problem in check_file(path):
            print(f"{path}: {problem}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
