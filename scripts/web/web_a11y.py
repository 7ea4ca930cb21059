#!/usr/bin/env python3
"""Accessibility test of Roundtable's public web pages in headless Chromium, against a live `roundtable serve --demo`:
axe-core (WCAG 2.0/2.1/2.2 A and AA, and axe's best practices) on every page type in the six official languages of
the United Nations, the page contract (html lang and dir, skip link first in Tab order, main#main, one h1, vote and act
pages), Arabic laid out right to left (the navigation runs from the right), 320 CSS px reflow, and in every language a
keyboard-only walk from the home page to a vote's signed act with the focus visible at every Tab stop.

Usage: web_a11y.py PATH-TO-roundtable [--screenshot PNG] [--screenshots DIR]
Needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver) and, in a venv, the packages
of requirements.txt beside this file (pip install --ignore-requires-python -r requirements.txt). Starts the node on
a loopback port it binds itself (--port 0) in a temporary directory and stops it by its PID at the end; runs every check, prints each
failure, and exits 1 if any failed.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import roundtable_node  # noqa: E402

os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never try to download a browser or a driver

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
LANGS = ("ar", "zh", "en", "fr", "ru", "es")  # the six official languages of the United Nations
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_RUN = """const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
   .then(r => done(r.violations), e => done({error: String(e)}));"""
# The focused element, whether its focus indicator shows, and where it sits.
FOCUS_JS = """const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
const s = getComputedStyle(el);
return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.getAttribute('class') || '', href: el.getAttribute('href'),
        path: el.href ? new URL(el.href, location.href).pathname : null,
        text: (el.innerText || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 50),
        visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
        style: `outline ${s.outlineStyle} ${s.outlineWidth}, box-shadow ${s.boxShadow}`,
        skip: el.matches('a.skip-link[href="#main"]'), inMain: !!el.closest('main#main'), inVotes: !!el.closest('#votes')};"""
STRUCTURE_JS = """const main = document.querySelector('main#main'), nav = [...document.querySelectorAll('.nav a')];
return {lang: document.documentElement.getAttribute('lang') || '', h1: document.querySelectorAll('h1').length,
        dir: document.documentElement.getAttribute('dir') || '', direction: getComputedStyle(document.body).direction,
        navFromRight: nav.length > 1 && nav[0].getBoundingClientRect().left > nav[nav.length - 1].getBoundingClientRect().left,
        main: !!main && main.getAttribute('tabindex') === '-1',
        voteLinks: [...document.querySelectorAll('table#votes tr a[href^="/acts/"]')].map(a => a.getAttribute('href')),
        note: (document.querySelector('pre#signed-note') || {}).textContent ?? null};"""
# Horizontal overflow, and the element reaching furthest right that is not inside a clipping/scrolling box.
OVERFLOW_JS = """const de = document.documentElement, limit = de.clientWidth;
const clipped = el => { for (let p = el.parentElement; p && p !== document.body && p !== de; p = p.parentElement)
                          if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
let worst = null;
if (de.scrollWidth > limit) for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.right > limit + 0.5 && (!worst || r.right >= worst.right) && !clipped(el))
    worst = {right: Math.round(r.right), width: Math.round(r.width), html: el.outerHTML.slice(0, 200)};
}
return {scrollWidth: de.scrollWidth, clientWidth: limit, innerWidth: window.innerWidth, worst};"""


class Results:
    """Counts passed checks and collects failures, so one run reports them all."""

    def __init__(self):
        self.passed, self.failures = 0, []

    def report(self, name, started, log_path, tmp):
        """Prints the failures with the end of the node's log (keeping its folder) or removes the folder; returns the
        exit status."""
        if self.failures:
            with open(log_path, errors="replace") as f:
                print(f"--- {log_path} (last 40 lines; {tmp} is kept) ---\n" + "".join(f.readlines()[-40:]) + "---")
            print(f"\n{len(self.failures)} failed checks:\n  " + "\n  ".join(m.splitlines()[0] for m in self.failures))
        else:
            shutil.rmtree(tmp, ignore_errors=True)
        print(f"{name} ({time.monotonic() - started:.0f} s): {self.passed} passed, {len(self.failures)} failed")
        return 1 if self.failures else 0

    def check(self, ok, where, what):
        if ok:
            self.passed += 1
        else:
            self.failures.append(f"{where}: {what}")
            print(f"FAIL {where}: {what}", flush=True)
        return ok


class WalkError(Exception):
    pass


def fetch(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as r:
        return r.status, r.headers.get("Content-Type", ""), r.read()


def choose_proposal(base):
    """A decided proposal whose ballot has votes, and the log indices of those votes, from the JSON API."""
    listing = json.loads(fetch(base, "/api/v1/proposals")[2])
    for summary in listing["proposals"] if isinstance(listing, dict) else listing:
        if summary.get("stage") != "decided":
            continue
        # The node omits "ballot" (rather than sending null) for a proposal decided without a vote.
        ballot = json.loads(fetch(base, f"/api/v1/proposals/{summary['id']}")[2]).get("ballot")
        if ballot and ballot.get("votes"):
            return summary["id"], [vote["index"] for vote in ballot["votes"]]
    raise RuntimeError("GET /api/v1/proposals lists no decided proposal whose ballot has votes")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def viewport(driver, width, height):
    # The headless window size includes no reliable chrome offset; CDP sets the layout viewport exactly. It stays in
    # force across navigations. mobile=False: desktop layout, as at 400 % zoom (WCAG 1.4.10), not a 980 px meta viewport.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def with_lang(path, lang):
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def press(driver, key):
    ActionChains(driver).send_keys(key).perform()  # a real key event to the focused element


def describe(f):
    if not f:
        return "(document body)"
    name = f["tag"] + (f"#{f['id']}" if f["id"] else "") + "".join(f".{c}" for c in f["cls"].split())
    href = f" href={f['href']}" if f["href"] else ""
    return f'{name}{href} "{f["text"]}"'


def check_page(driver, base, name, path, lang, expect, res):
    """HTTP answer, page contract, skip link first in Tab order, and axe-core, for one page in one language."""
    where, url = f"{name} [{lang}] {path}", with_lang(path, lang)
    wanted = expect.get("status", 200)  # the error pages are pages too, with their own status
    try:
        status, ctype, _ = fetch(base, url)
    except urllib.error.HTTPError as e:
        status, ctype = e.code, e.headers.get("Content-Type", "")
    ok = status == wanted and ctype.replace(" ", "").lower() == "text/html;charset=utf-8"
    res.check(ok, where, f"GET {url} answered {status} {ctype!r}, not {wanted} text/html; charset=utf-8")
    if not ok:
        return
    driver.get(base + url)
    page = driver.execute_script(STRUCTURE_JS)
    res.check(page["lang"].split("-")[0].lower() == lang, where, f'<html lang="{page["lang"]}">, asked for {lang}')
    rtl = lang == "ar"
    res.check(page["dir"] == ("rtl" if rtl else "ltr") and page["direction"] == page["dir"], where,
              f'<html dir="{page["dir"]}">, laid out {page["direction"]}, for {lang}')
    res.check(page["navFromRight"] == rtl, where, f"the navigation runs from the {'right' if page['navFromRight'] else 'left'}")
    res.check(page["main"], where, 'no <main id="main" tabindex="-1">')
    res.check(page["h1"] == 1, where, f"{page['h1']} <h1> elements, not exactly one")
    if "votes" in expect:
        linked = {urlsplit(h).path.rsplit("/", 1)[-1] for h in page["voteLinks"]}
        missing = [n for n in expect["votes"] if str(n) not in linked]
        res.check(not missing, where, f'table#votes has no a[href^="/acts/"] to the vote acts {missing}')
    if "note" in expect:
        note = page["note"]
        res.check(note is not None and note.strip("\n") == expect["note"].strip("\n"), where,
                  f"pre#signed-note is not the act's signed text (GET /api/v1/acts/...): {note!r:.120}")
        res.check(note is not None and "act vote" in note.splitlines(), where, "pre#signed-note has no line 'act vote'")
    Axe(driver).inject()
    violations = driver.execute_async_script(AXE_RUN, AXE_TAGS)
    if isinstance(violations, dict):
        res.check(False, where, f"axe-core failed: {violations['error']}")
        violations = []
    if not violations:
        res.check(True, where, "")
    for v in violations:
        nodes = "".join(f"\n      {' '.join(map(str, n['target']))}  {n['html'][:200]}" for n in v["nodes"][:8])
        more = f"\n      … and {len(v['nodes']) - 8} more" if len(v["nodes"]) > 8 else ""
        res.check(False, where, f"axe {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>{nodes}{more}")
    press(driver, Keys.TAB)  # after axe: fresh page, nothing focused yet, so this is the first Tab stop
    first = driver.execute_script(FOCUS_JS)
    res.check(bool(first and first["skip"]), where, f'first Tab stop is {describe(first)}, not a.skip-link[href="#main"]')


def check_reflow(driver, base, name, path, lang, res):
    driver.get(base + with_lang(path, lang))
    o = driver.execute_script(OVERFLOW_JS)
    # clientWidth, not innerWidth: headless Chromium keeps a 15 px classic scrollbar, so innerWidth (320) would let
    # content up to 320 px wide pass while the page already scrolls sideways within its 305 px.
    worst = o["worst"] and f"; furthest right: {o['worst']['html']} (width {o['worst']['width']}, right edge {o['worst']['right']})"
    res.check(o["scrollWidth"] <= o["clientWidth"], f"reflow 320px {name} [{lang}] {path}",
              f"scrollWidth {o['scrollWidth']} > clientWidth {o['clientWidth']} (innerWidth {o['innerWidth']}){worst or ''}")


def walk(driver, base, proposal, lang, res):
    """Tab and Enter only, from the home page to a vote's signed act; focus must show at every Tab stop."""
    stops = [0]

    def tab():
        press(driver, Keys.TAB)
        stops[0] += 1
        f = driver.execute_script(FOCUS_JS)
        print(f"  Tab {stops[0]:3}: {describe(f)}  [{f['style'] if f else ''}]")
        if f:
            res.check(f["visible"], f"walk [{lang}] Tab stop {stops[0]}", f"focus not visible on {describe(f)} ({f['style']})")
        return f

    def tab_until(want, what):
        skips = 0  # the skip link comes round once per cycle through the page (after the browser's own UI)
        for _ in range(300):
            f = tab()
            if f and want(f):
                return f
            skips += bool(f and f["skip"])
            if skips == 2:
                raise WalkError(f"Tab went all round the page without reaching {what}")
        raise WalkError(f"300 Tabs did not reach {what}")

    def enter_to(path):
        print(f"  Enter → {path}")
        press(driver, Keys.ENTER)
        try:
            WebDriverWait(driver, 15).until(lambda d: urlsplit(d.current_url).path == path)
        except Exception:
            raise WalkError(f"Enter did not lead to {path}; the browser is at {driver.current_url}")

    driver.get(base + f"/?lang={lang}")
    print(f"walk from {driver.current_url}")
    if not ((f := tab()) and f["skip"]):
        raise WalkError(f"the first Tab reached {describe(f)}, not the skip link")
    press(driver, Keys.ENTER)
    f = driver.execute_script(FOCUS_JS)
    print(f"  Enter → focus on {describe(f)}")  # main takes focus programmatically: not a Tab stop, no ring required
    if not (f and f["inMain"]):
        raise WalkError(f"Enter on the skip link left focus on {describe(f)}, not in main#main")
    link = tab_until(lambda f: f["tag"] == "a" and f["path"] == f"/proposals/{proposal}", f"a link to /proposals/{proposal}")
    enter_to(link["path"])
    act = tab_until(lambda f: f["tag"] == "a" and f["inVotes"] and (f["path"] or "").startswith("/acts/"),
                    "a link to an act in #votes")
    enter_to(act["path"])
    note = driver.execute_script(STRUCTURE_JS)["note"]
    res.check(note is not None and "act vote" in note.splitlines(), f"walk [{lang}]", f"{act['path']}: #signed-note has no line 'act vote'")
    print(f"walk reached {driver.current_url} in {stops[0]} Tab stops")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", help="path to the roundtable executable")
    ap.add_argument("--screenshot", metavar="PNG", help="save the chosen proposal page (English, 1280 px wide) here")
    ap.add_argument("--screenshots", metavar="DIR", help="save the proposal page at 320 px in every language in this folder")
    args = ap.parse_args()
    started, res = time.monotonic(), Results()
    tmp = tempfile.mkdtemp(prefix="roundtable-web-")
    log_path, driver = os.path.join(tmp, "node.log"), None
    with open(log_path, "w") as log:
        node, base = roundtable_node.start(args.binary, ["--demo", "--data", tmp + "/node"], log)
    try:
        proposal, votes = choose_proposal(base)
        act = votes[0]
        act_text = fetch(base, f"/api/v1/acts/{act}")[2].decode()
        print(f"node up at {base} in {time.monotonic() - started:.0f} s; proposal {proposal}, vote act {act}")
        pages = [("home", "/", {}), ("members", "/members", {}), ("proposals", "/proposals", {}),
                 ("open", "/proposals?stage=open", {}), ("decided", "/proposals?stage=decided", {}),
                 ("proposal", f"/proposals/{proposal}", {"votes": votes}), ("log", "/log", {}),
                 ("act", f"/acts/{act}", {"note": act_text}), ("exchange", "/exchange", {}),
                 ("communication", "/communication", {}), ("sign in", "/sign-in", {}),
                 ("not found", "/proposals/999999999", {"status": 404}), ("no such page", "/no-such-page", {"status": 404})]
        driver = browser()
        viewport(driver, 1280, 900)
        driver.get(base + "/healthz")
        Axe(driver).inject()
        print(f"Chromium {driver.capabilities.get('browserVersion')}, axe-core {driver.execute_script('return axe.version')}, "
              f"tags {', '.join(AXE_TAGS)}")
        for lang in LANGS:
            for name, path, expect in pages:
                check_page(driver, base, name, path, lang, expect, res)
        # The language asked for last (fr) is kept in a cookie: a page asked for without ?lang= comes in it.
        driver.get(base + "/members")
        kept = driver.execute_script("return document.documentElement.lang")
        res.check(kept.split("-")[0] == LANGS[-1], "lang cookie", f'/members without ?lang= after ?lang={LANGS[-1]} is lang="{kept}"')
        viewport(driver, 320, 640)
        for lang in LANGS:
            for name, path, _ in pages:
                check_reflow(driver, base, name, path, lang, res)
        if args.screenshots:
            os.makedirs(args.screenshots, exist_ok=True)
            for lang in LANGS:
                driver.get(base + with_lang(f"/proposals/{proposal}", lang))
                path = os.path.join(args.screenshots, f"proposal-320-{lang}.png")
                res.check(driver.save_screenshot(path), "screenshot", f"could not write {path}")
            print(f"screenshots of /proposals/{proposal} at 320 px in every language in {args.screenshots}")
        viewport(driver, 1280, 900)
        for lang in LANGS:
            try:
                walk(driver, base, proposal, lang, res)
            except WalkError as e:
                res.check(False, f"walk [{lang}]", str(e))
        if args.screenshot:
            driver.get(base + with_lang(f"/proposals/{proposal}", "en"))
            height = min(driver.execute_script("return document.documentElement.scrollHeight"), 2400)
            viewport(driver, 1280, height)
            res.check(driver.save_screenshot(args.screenshot), "screenshot", f"could not write {args.screenshot}")
            print(f"screenshot of /proposals/{proposal} (1280×{height}) in {args.screenshot}")
    except Exception as e:  # the node, the API or the browser failed: report it as a failed check, with the log
        res.check(False, "run", f"{type(e).__name__}: {e}")
    finally:
        if driver:
            driver.quit()
        roundtable_node.stop(node)
    return res.report("web_a11y", started, log_path, tmp)


if __name__ == "__main__":
    sys.exit(main())
