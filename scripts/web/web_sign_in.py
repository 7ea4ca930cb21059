#!/usr/bin/env python3
"""Signing in and acting from the pages, in headless Chromium, against a live `roundtable serve --demo`.

A delegate of Kenya chooses Kenya's key file in the sign-in page; the page signs the node's challenge with WebCrypto
Ed25519 and opens a session. The script then checks, as the delegate would see it:

1. the session cookie is HttpOnly and SameSite=Strict, and no script can read it;
2. on the open ballot's page, the vote form shows the exact act text before signing; signed in the browser with the
   kept (non-extractable) key, the vote is logged, its act page shows it, the proposal page counts it, and the log
   lists it; a second vote replaces the first; Kenya acknowledges Brazil's request from its inbox page and answers
   it, the answer's text sealed (not in the logged act) and read back by Brazil; Kenya proposes a norm, its text
   posted with the session's CSRF token (and refused without it); Kenya sends France and South Africa a request whose
   content is sealed in the browser and read back by France; Kenya adds a point of contact (details sealed, read by
   France) and removes it;
3. signing out forgets the kept key; Brazil's delegate, signed in without keeping the key, explains its vote: the
   page asks for the key file and the explanation is logged; a contact key signs in but is offered no act;
4. a key of the right name and key ID but another private key is refused, as is a key no member registered, and
   neither opens a session;
5. a page of another site cannot use the session: its script cannot read /api/v1/session; its form post to
   /sign-out is refused and the session stays open; a link from it opens the forum signed out (the cookie is
   SameSite=Strict); a sign-in asked from it is refused;
6. axe-core finds no WCAG 2.2 AA violation on the sign-in page, the proposal page with its forms and review, the
   inbox, the points of contact and the new request and proposal pages, in each of the six languages (Arabic right
   to left), and they reflow at 320 CSS px in each.

It prints the time from opening the sign-in page to the vote shown on the proposal page (the figure of
BENCHMARKS.md). Usage: web_sign_in.py PATH-TO-roundtable. Needs what web_a11y.py needs; starts the node and a small
"other site" on loopback ports they bind themselves, and stops both at the end.
"""
import argparse
import base64
import http.server
import json
import os
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import roundtable_node  # noqa: E402
from web_a11y import AXE_RUN, AXE_TAGS, LANGS, OVERFLOW_JS, Results, browser, fetch, viewport  # noqa: E402

from axe_selenium_python import Axe  # noqa: E402
from selenium.common.exceptions import TimeoutException, WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

WAIT = 30


def open_ballot(base):
    """The proposal whose ballot is open, from the JSON API."""
    listing = json.loads(fetch(base, "/api/v1/proposals")[2])
    for summary in listing["proposals"] if isinstance(listing, dict) else listing:
        if summary.get("stage") == "ballot":
            return summary["id"]
    raise RuntimeError("the demo has no proposal whose ballot is open")


def api(base, path, method="GET", headers=None, body=None):
    request = urllib.request.Request(base + path, method=method, headers=headers or {}, data=body)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def wait_for(driver, condition, what):
    """Waits for a condition, which may look at a page that is being replaced (and then fail) while it waits."""
    def attempt(d):
        try:
            return condition(d)
        except WebDriverException:
            return False
    try:
        return WebDriverWait(driver, WAIT, poll_frequency=0.02).until(attempt)
    except TimeoutException as e:
        raise RuntimeError(f"waited {WAIT} s for {what}") from e


def visible(driver, css):
    elements = driver.find_elements(By.CSS_SELECTOR, css)
    return elements[0] if elements and elements[0].is_displayed() else None


def sign_in(driver, base, key_path, remember, next_path="/"):
    """Signs in with a key file; returns the error the page shows, or None once it left the sign-in page."""
    driver.get(f"{base}/sign-in?next={next_path}")
    wait_for(driver, lambda d: visible(d, "form#sign-in"), "the sign-in form (shown by the page's script)")
    driver.find_element(By.ID, "key-file").send_keys(key_path)
    box = driver.find_element(By.ID, "remember")
    if box.is_selected() != remember:
        box.click()
    driver.find_element(By.CSS_SELECTOR, "form#sign-in button[type=submit]").click()
    outcome = wait_for(driver, lambda d: "/sign-in" not in d.current_url or visible(d, "#sign-in-error"), "the sign-in's outcome")
    return None if outcome is True else outcome.text


def sign_out(driver):
    """Signs out with the header's button and waits for the header to offer signing in."""
    driver.find_element(By.CSS_SELECTOR, "form.sign-out button").click()
    wait_for(driver, lambda d: visible(d, ".account a[href='/sign-in']"), "the signed-out header")


def open_form(driver, base, page, link, form, res):
    """Follows a page's link to a form the script shows, and runs axe on it."""
    driver.get(base + page)
    driver.find_element(By.CSS_SELECTOR, f"a[href='{link}']").click()
    wait_for(driver, lambda d: visible(d, f"form#form-{form}"), f"the {form} form")
    Axe(driver).inject()
    axe(driver, f"axe: {link}", res)


def axe(driver, where, res):
    violations = driver.execute_async_script(AXE_RUN, AXE_TAGS)
    if isinstance(violations, dict):
        res.check(False, where, f"axe failed: {violations.get('error')}")
        return
    res.check(not violations, where, "axe: " + "; ".join(f"{v['id']} ({len(v['nodes'])})" for v in violations))


def session_cookie(driver):
    return next((c for c in driver.get_cookies() if c["name"] == "roundtable_session"), None)


def kept_key(driver):
    return driver.execute_async_script("""const done = arguments[0];
const open = indexedDB.open('roundtable', 1);
open.onupgradeneeded = () => open.result.createObjectStore('keys');
open.onsuccess = () => { const get = open.result.transaction('keys').objectStore('keys').get('delegate');
  get.onsuccess = () => done(get.result ? {name: get.result.name, member: get.result.member,
    extractable: get.result.key.extractable, type: get.result.key.type, usages: get.result.key.usages} : null);
  get.onerror = () => done(null); };
open.onerror = () => done(null);""")


def act(driver, base, form, fill, expected_lines, res, key_path=None):
    """Fills an act form on the page shown, reviews the act text, signs and submits it; returns the act's log index."""
    wait_for(driver, lambda d: visible(d, f"form#form-{form}"), f"the {form} form")
    fill(driver)
    driver.find_element(By.CSS_SELECTOR, f"form#form-{form} button[type=submit]").click()
    review = wait_for(driver, lambda d: visible(d, f"#review-{form}"), f"the review of the {form} act")
    text = wait_for(driver, lambda d: review.find_element(By.CSS_SELECTOR, "pre").text, "the act text")
    lines = text.split("\n")
    # An expected line ending in "?" stands for any line that starts with the rest: the member's next sequence number,
    # a SHA-256 computed in the page.
    same = len(lines) == len(expected_lines) and all(
        line.startswith(want[:-1]) if want.endswith("?") else line == want for line, want in zip(lines, expected_lines))
    res.check(same, f"{form} review", f"the act shown is {lines!r}, expected {expected_lines!r}")
    res.check(lines[3].startswith("seq "), f"{form} review", f"the act's fourth line is {lines[3]!r}")
    key_field = review.find_element(By.CSS_SELECTOR, ".key-file")
    res.check(key_field.is_displayed() == (key_path is not None), f"{form} review",
              f"the key file field is {'shown' if key_field.is_displayed() else 'hidden'} with{'out' if key_path else ''} a kept key")
    if key_path:
        review.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(key_path)
    review.find_element(By.CSS_SELECTOR, "button.sign").click()
    wait_for(driver, lambda d: "/acts/" in d.current_url, f"the {form} act's page")
    index = int(driver.current_url.rsplit("/", 1)[1])
    note = driver.find_element(By.ID, "signed-note").text
    res.check(note.startswith(text.rstrip("\n")), f"{form} act page", f"the logged note does not start with the reviewed text: {note[:200]!r}")
    return index


class OtherSite(http.server.BaseHTTPRequestHandler):
    """A page of another site (http://localhost:PORT, not http://127.0.0.1:NODE) that tries to use the session."""
    node = ""

    def do_GET(self):
        page = f"""<!doctype html><html lang="en"><head><title>Another site</title></head><body>
<form id="out" method="post" action="{self.node}/sign-out"><input type="hidden" name="csrf" value="guess"></form>
<p id="read">…</p><p><a id="go" href="{self.node}/members">The forum</a></p><script src="/attack.js"></script></body></html>"""
        script = f"""fetch("{self.node}/api/v1/session", {{credentials: "include"}})
  .then(r => r.text()).then(t => document.getElementById("read").textContent = "read: " + t,
                            e => document.getElementById("read").textContent = "blocked");"""
        body = (script if self.path == "/attack.js" else page).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript" if self.path == "/attack.js" else "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", help="path to the roundtable executable")
    args = ap.parse_args()
    started, res = time.monotonic(), Results()
    tmp = tempfile.mkdtemp(prefix="roundtable-sign-in-")
    log_path, driver, other = os.path.join(tmp, "node.log"), None, None
    with open(log_path, "w") as log:
        node, base = roundtable_node.start(args.binary, ["--demo", "--data", tmp + "/node"], log)
    try:
        keys = os.path.join(tmp, "node", "demo-keys")
        kenya = os.path.join(keys, "ke.key")
        origin = json.loads(fetch(base, "/api/v1/forum")[2])["origin"]
        proposal = open_ballot(base)
        driver = browser()
        driver.get(base + "/healthz")
        print(f"node up at {base}; open ballot on proposal {proposal}; Chromium {driver.capabilities.get('browserVersion')}")

        # 1. Sign in with Kenya's key, kept in the browser, and vote.
        clock = time.monotonic()
        refused = sign_in(driver, base, kenya, remember=True, next_path=f"/proposals/{proposal}")
        res.check(refused is None, "sign in", f"Kenya's key was refused: {refused}")
        wait_for(driver, lambda d: d.current_url.endswith(f"/proposals/{proposal}") and visible(d, "form.sign-out"), "the signed-in page")
        signing_in = time.monotonic() - clock
        header = driver.find_element(By.CSS_SELECTOR, ".account").text
        res.check("Kenya" in header, "signed in", f"the header says {header!r}")
        cookie = session_cookie(driver)
        res.check(cookie is not None and cookie.get("httpOnly") and cookie.get("sameSite") == "Strict", "cookie",
                  f"the session cookie is {cookie!r}")
        res.check("roundtable_session" not in driver.execute_script("return document.cookie"), "cookie", "a script can read the session cookie")
        key = kept_key(driver)
        res.check(key is not None and key["extractable"] is False and key["usages"] == ["sign"] and key["member"] == "ke", "kept key",
                  f"the key kept in IndexedDB is {key!r}")
        Axe(driver).inject()
        axe(driver, "axe: proposal page, signed in", res)

        def choose(choice):
            return lambda d: d.find_element(By.ID, f"choice-{choice}").click()

        clock = time.monotonic()  # axe's run above is not part of the delegate's time
        expected = [origin, "act vote", "by ke", "seq ?", f"proposal {proposal}", "choice no"]
        vote = act(driver, base, "vote", choose("no"), expected, res)
        driver.get(f"{base}/proposals/{proposal}")
        row = wait_for(driver, lambda d: d.find_element(By.XPATH, "//table[@id='votes']//tr[th[contains(., 'Kenya')]]"), "Kenya's row")
        elapsed = signing_in + time.monotonic() - clock
        res.check("No" in row.text and row.find_elements(By.CSS_SELECTOR, f"a[href='/acts/{vote}']"), "vote shown",
                  f"Kenya's row reads {row.text!r}, without a link to act {vote}")
        print(f"sign-in to vote shown on the proposal page: {elapsed:.2f} s (signing in {signing_in:.2f} s)")
        driver.get(f"{base}/log")
        res.check(bool(driver.find_elements(By.CSS_SELECTOR, f"a[href='/acts/{vote}']")), "log", f"/log does not list act {vote}")
        # A second vote replaces the first.
        driver.get(f"{base}/proposals/{proposal}")
        act(driver, base, "vote", choose("yes"), expected[:-1] + ["choice yes"], res)
        driver.get(f"{base}/proposals/{proposal}")
        row = driver.find_element(By.XPATH, "//table[@id='votes']//tr[th[contains(., 'Kenya')]]")
        res.check("Yes" in row.text and "changed its vote" in row.text, "vote changed", f"Kenya's row reads {row.text!r}")
        # The review, for axe.
        choose("abstain")(driver)
        driver.find_element(By.CSS_SELECTOR, "form#form-vote button[type=submit]").click()
        wait_for(driver, lambda d: visible(d, "#review-vote"), "the review")
        Axe(driver).inject()
        axe(driver, "axe: act review", res)

        # Kenya's inbox: Brazil's request awaits its acknowledgement, which the page signs like any act.
        driver.get(f"{base}/inbox")
        form = wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, "form.act-form[data-lines='delivery']"), "an open delivery's form")
        form_id = form.get_attribute("id")
        delivery = form.find_element(By.CSS_SELECTOR, "input[name=delivery]").get_attribute("value")
        Axe(driver).inject()
        axe(driver, "axe: inbox", res)
        act(driver, base, form_id[len("form-"):], lambda d: None, [origin, "act ack", "by ke", "seq ?", f"delivery {delivery}"], res)
        driver.get(f"{base}/inbox")
        res.check(not driver.find_elements(By.ID, form_id), "inbox", f"delivery {delivery} still offers an acknowledgement once acknowledged")
        # And answers it: the answer's text is sealed for Brazil; the act carries its SHA-256 only.
        answer = "Kenya has preserved the logs of the affected hosts.\n\nThey are ready for **Brazil's** request."

        def fill_answer(d):
            Select(d.find_element(By.ID, f"form-answer-{delivery}-status")).select_by_value("provided")
            d.find_element(By.ID, f"form-answer-{delivery}-body").send_keys(answer)

        answered = act(driver, base, f"answer-{delivery}", fill_answer,
                       [origin, "act answer", "by ke", "seq ?", f"delivery {delivery}", "status provided", "sealed ?"], res)
        note = driver.find_element(By.ID, "signed-note").text
        res.check(answer not in note and "Kenya has preserved" not in note, "sealed answer", "the answer's text is in the logged act")
        with open(os.path.join(keys, "br.token")) as f:
            token = f.read().strip()
        for item in api(base, "/api/v1/inbox?limit=1000", headers={"Authorization": f"Bearer {token}"})[1].get("items", []):
            if item.get("kind") == "answer" and item.get("delivery") == int(delivery):
                status, request = api(base, f"/api/v1/requests/{item['request']}", headers={"Authorization": f"Bearer {token}"})
                bodies = [a.get("content", {}).get("body") for d in request.get("deliveries", []) for a in d.get("answers", [])
                          if a.get("index") == answered]
                res.check(status == 200 and bodies == [answer], "sealed answer", f"Brazil reads {bodies!r} for answer {answered}")
                break
        else:
            res.check(False, "sealed answer", f"Brazil's inbox has no answer to delivery {delivery}")

        # Kenya sends France and South Africa a request; its content is sealed in the browser, and France reads it.
        open_form(driver, base, "/inbox", "/requests/new", "request", res)
        subject, body = "Indicators of the port wiper", "Please share what your CERT saw of the **wiper** on port hosts."

        def fill_request(d):
            for member in ("za", "fr"):
                d.find_element(By.ID, f"to-{member}").click()
            Select(d.find_element(By.ID, "request-kind")).select_by_value("information")
            Select(d.find_element(By.ID, "request-urgency")).select_by_value("urgent")
            d.find_element(By.ID, "request-subject").send_keys(subject)
            d.find_element(By.ID, "request-body").send_keys(body)
            Select(d.find_element(By.ID, "request-tlp")).select_by_value("amber")

        parties = "to fr,za" if "urgency,to," in driver.find_element(By.ID, "form-request").get_attribute("data-lines") else "recipients 2"
        sent = act(driver, base, "request", fill_request, [origin, "act request", "by ke", "seq ?", "urgency urgent", parties, "sealed ?"], res)
        res.check(subject not in driver.find_element(By.ID, "signed-note").text, "sealed request", "the request's subject is in the logged act")
        with open(os.path.join(keys, "fr.token")) as f:
            france = {"Authorization": f"Bearer {f.read().strip()}"}
        status, content = api(base, f"/api/v1/requests/{sent}", headers=france)
        res.check(status == 200 and content.get("content", {}).get("subject") == subject and content["content"].get("body") == body
                  and content["content"].get("to") == ["fr", "za"] and content["content"].get("tlp") == "amber", "sealed request",
                  f"France reads request {sent} as {status} {content.get('content')!r}")

        # Kenya adds a point of contact, its details sealed in the browser; another member reads them; Kenya removes it.
        open_form(driver, base, "/inbox", "/contacts", "contact", res)

        def fill_contact(d):
            for field, value in (("contact-id", "web-desk"), ("contact-name", "Web desk"), ("contact-organisation", "KE-CIRT/CC"),
                                 ("contact-languages", "en sw"), ("contact-email", "desk@ke-cirt.example")):
                d.find_element(By.ID, field).send_keys(value)
            Select(d.find_element(By.ID, "contact-role")).select_by_value("technical")

        act(driver, base, "contact", fill_contact, [origin, "act contact", "by ke", "seq ?", "add web-desk technical ?"], res)
        status, listed = api(base, "/api/v1/contacts?member=ke", headers=france)
        details = next((c.get("details") or {} for c in listed.get("contacts", []) if c.get("id") == "web-desk"), {})
        res.check(status == 200 and details.get("name") == "Web desk" and details.get("languages") == ["en", "sw"]
                  and details.get("hours") == "24/7", "contact", f"France reads Kenya's new contact as {status} {details!r}")
        driver.get(f"{base}/contacts")
        act(driver, base, "remove-web-desk", lambda d: None, [origin, "act contact", "by ke", "seq ?", "remove web-desk"], res)
        driver.get(f"{base}/contacts")
        res.check(not driver.find_elements(By.ID, "contact-web-desk"), "contact", "the removed contact is still listed")

        # Kenya proposes a norm from the page: the text is posted with the session's CSRF token, the act names its hash.
        open_form(driver, base, "/proposals", "/proposals/new", "propose", res)
        title, text = "Report incidents within 72 hours", "# Reporting\n\nMembers report significant incidents within **72 hours**."

        def fill_proposal(d):
            d.find_element(By.ID, "propose-title").send_keys(title)
            d.find_element(By.ID, "propose-text").send_keys(text)

        proposed = act(driver, base, "propose", fill_proposal, [origin, "act propose", "by ke", "seq ?", "kind norm", f"title {title}", "text ?"], res)
        driver.get(f"{base}/proposals/{proposed}")
        main = driver.find_element(By.TAG_NAME, "main").text
        res.check(title in main and "Members report significant incidents within 72 hours." in main, "proposal",
                  f"/proposals/{proposed} does not show the proposed title and rendered text")
        status, _ = api(base, "/api/v1/documents", "POST", {"Content-Type": "text/markdown; charset=utf-8",
                                                            "Cookie": f"roundtable_session={session_cookie(driver)['value']}"}, b"x")
        res.check(status == 403, "document", f"a document posted with the session cookie but no CSRF token got {status}, not 403")

        # The signed-in pages in the six languages: axe, Arabic right to left, and the 320 CSS px reflow.
        signed_in_pages = (f"/proposals/{proposal}", "/inbox", "/contacts", "/requests/new", "/proposals/new")
        for lang in LANGS:
            for path in signed_in_pages:
                driver.get(f"{base}{path}?lang={lang}")
                wait_for(driver, lambda d: visible(d, "form.sign-out"), f"{path} signed in")
                direction = driver.execute_script("return document.documentElement.dir")
                res.check(direction == ("rtl" if lang == "ar" else "ltr"), f"{path} [{lang}]", f'dir="{direction}"')
                Axe(driver).inject()
                axe(driver, f"axe: {path} [{lang}]", res)
        viewport(driver, 320, 640)
        for lang in LANGS:
            for path in signed_in_pages:
                driver.get(f"{base}{path}?lang={lang}")
                wait_for(driver, lambda d: d.execute_script("return document.readyState") == "complete", f"{path} loaded")
                o = driver.execute_script(OVERFLOW_JS)
                res.check(o["scrollWidth"] <= o["clientWidth"], f"reflow 320px {path} [{lang}]",
                          f"scrollWidth {o['scrollWidth']} > clientWidth {o['clientWidth']}: {o['worst']}")
        viewport(driver, 1280, 900)
        driver.get(f"{base}/inbox?lang=en")

        # 2. Sign out: the session ends and the kept key is gone. Then sign in without keeping the key.
        sign_out(driver)
        res.check(session_cookie(driver) is None, "sign out", "the session cookie outlives signing out")
        res.check(kept_key(driver) is None, "sign out", "the kept key outlives signing out")
        # Brazil explains its vote (Kenya, the proposer, may not explain on its own text: the page offers it no form).
        brazil = os.path.join(keys, "br.key")
        refused = sign_in(driver, base, brazil, remember=False, next_path=f"/proposals/{proposal}")
        res.check(refused is None, "sign in", f"Brazil's key was refused: {refused}")
        wait_for(driver, lambda d: visible(d, "form.sign-out"), "the signed-in page")
        res.check(kept_key(driver) is None, "not kept", "the key was kept without being asked to")
        text = "Brazil supports the norm and will report on its implementation."
        explain = act(driver, base, "explain", lambda d: d.find_element(By.ID, "explanation").send_keys(text),
                      [origin, "act explain", "by br", "seq ?", f"proposal {proposal}", f"explanation {text}"], res, key_path=brazil)
        driver.get(f"{base}/proposals/{proposal}")
        res.check(text in driver.find_element(By.TAG_NAME, "main").text, "explanation", f"act {explain}'s text is not on the proposal page")

        # A contact key signs in, but is offered no act on proposals.
        sign_out(driver)
        refused = sign_in(driver, base, os.path.join(keys, "ke-tech.key"), remember=False, next_path=f"/proposals/{proposal}")
        res.check(refused is None, "sign in", f"Kenya's contact key was refused: {refused}")
        wait_for(driver, lambda d: visible(d, "form.sign-out"), "the page signed in with a contact key")
        header = driver.find_element(By.CSS_SELECTOR, ".account").text
        res.check("contact key" in header, "contact key", f"the header says {header!r}")
        res.check(not driver.find_elements(By.CSS_SELECTOR, "form.act-form") and "contact key" in driver.find_element(By.ID, "act-heading")
                  .find_element(By.XPATH, "..").text, "contact key", "a contact key is offered acts on a proposal")

        # 3. Another site cannot use the session.
        OtherSite.node = base
        other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), OtherSite)
        threading.Thread(target=other.serve_forever, daemon=True).start()
        other_url = f"http://localhost:{other.server_address[1]}"
        before = session_cookie(driver)["value"]
        driver.get(other_url + "/")
        wait_for(driver, lambda d: d.find_element(By.ID, "read").text != "…", "the other site's read attempt")
        res.check(driver.find_element(By.ID, "read").text == "blocked", "cross-site read",
                  f"a script of another site read /api/v1/session: {driver.find_element(By.ID, 'read').text!r}")
        driver.execute_script("document.getElementById('out').submit()")
        wait_for(driver, lambda d: d.current_url.startswith(base), "the cross-site form post")
        body = driver.find_element(By.TAG_NAME, "body").text
        res.check("cross_origin" in body, "cross-site post", f"the node answered the other site's post with {body[:200]!r}")
        driver.get(f"{base}/proposals/{proposal}")
        res.check(visible(driver, "form.sign-out") is not None and session_cookie(driver)["value"] == before, "cross-site post",
                  "the other site's post ended the session")
        # A link from the other site is followed without the SameSite=Strict cookie: the page comes signed out.
        driver.get(other_url + "/")
        driver.find_element(By.ID, "go").click()
        wait_for(driver, lambda d: d.current_url.startswith(base) and d.find_elements(By.CSS_SELECTOR, ".account"), "the followed link")
        res.check(visible(driver, ".account a[href='/sign-in']") is not None, "cross-site link",
                  "a page reached from another site's link came with the session")
        driver.get(f"{base}/members")  # typed in the address bar: the cookie goes with it again
        res.check(visible(driver, "form.sign-out") is not None, "cross-site link", "the session did not survive the visit to another site")
        status, answer = api(base, "/api/v1/session/challenge", "POST", {"Origin": other_url})
        res.check(status == 403 and answer.get("error", {}).get("code") == "cross_origin", "cross-site sign-in",
                  f"a challenge asked from {other_url} got {status} {answer}")

        # 4. Wrong keys open no session.
        sign_out(driver)
        with open(kenya) as f:
            _, _, name, key_id, _ = f.read().strip().split("+", 4)
        impostor = os.path.join(tmp, "impostor.key")
        unknown = os.path.join(tmp, "unknown.key")
        with open(impostor, "w") as f:  # Kenya's key name and ID, another private key
            f.write(f"PRIVATE+KEY+{name}+{key_id}+{base64.b64encode(bytes([1]) + os.urandom(32)).decode()}\n")
        with open(unknown, "w") as f:
            f.write(f"PRIVATE+KEY+nobody.example+0badc0de+{base64.b64encode(bytes([1]) + os.urandom(32)).decode()}\n")
        for path, what in ((impostor, "does not verify"), (unknown, "not registered")):
            refused = sign_in(driver, base, path, remember=True)
            res.check(refused is not None and what in refused, "wrong key", f"signing in with {os.path.basename(path)} says {refused!r}")
            res.check(session_cookie(driver) is None and kept_key(driver) is None, "wrong key",
                      f"{os.path.basename(path)} opened a session or was kept")
        Axe(driver).inject()
        axe(driver, "axe: sign-in page with an error", res)
    except Exception as e:  # the node, the API or the browser failed: report it as a failed check, with the log
        res.check(False, "run", f"{type(e).__name__}: {e}")
    finally:
        if driver:
            driver.quit()
        if other:
            other.shutdown()
        roundtable_node.stop(node)
    return res.report("web_sign_in", started, log_path, tmp)


if __name__ == "__main__":
    sys.exit(main())
