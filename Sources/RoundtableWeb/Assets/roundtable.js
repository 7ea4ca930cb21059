// Roundtable's pages: signing in and signing acts in the browser, with WebCrypto Ed25519.
//
// The delegate's private key file is read here and imported as a non-extractable key: its bytes are dropped at
// once and never sent anywhere. The node sees signatures only. When the delegate asks, the CryptoKey object (still
// non-extractable) is kept in this browser's IndexedDB, so that later acts need no file; otherwise each act asks
// for the file again. Every act's exact text is shown before it is signed; the signed note goes to the node's
// public API (POST /api/v1/acts), which checks it like any other.
"use strict";

(() => {
  const DATABASE = "roundtable", STORE = "keys", RECORD = "delegate";

  // --- The key file: PRIVATE+KEY+<name>+<8 hex key ID>+<base64(0x01 ‖ 32-byte Ed25519 seed)> -----------------

  function parseKeyFile(text) {
    // The base64 seed may itself hold "+": split at the first four only.
    const fields = text.trim().split("+");
    const parts = [...fields.slice(0, 4), fields.slice(4).join("+")];
    if (fields.length < 5 || parts[0] !== "PRIVATE" || parts[1] !== "KEY" || !/^[0-9a-f]{8}$/.test(parts[3])) {
      throw new Error("key-file");
    }
    let seed;
    try { seed = Uint8Array.from(atob(parts[4]), (c) => c.charCodeAt(0)); } catch { throw new Error("key-file"); }
    if (seed.length !== 33 || seed[0] !== 1) {
      seed.fill(0);
      throw new Error("key-file");
    }
    const keyID = Uint8Array.from(parts[3].match(/../g), (h) => parseInt(h, 16));
    const key = seed.slice(1);
    seed.fill(0);
    return { name: parts[2], keyID, seed: key };
  }

  async function importKey(file) {
    const parsed = parseKeyFile(await file.text());
    // PKCS #8 wrapping of an Ed25519 seed (RFC 8410): a fixed 16-byte prefix, then the 32 bytes.
    const der = new Uint8Array(48);
    der.set([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
    der.set(parsed.seed, 16);
    let key;
    try {
      key = await crypto.subtle.importKey("pkcs8", der, { name: "Ed25519" }, false, ["sign"]);
    } finally {
      der.fill(0);
      parsed.seed.fill(0);
    }
    return { key, name: parsed.name, keyID: parsed.keyID };
  }

  // --- Keeping the key in this browser (IndexedDB keeps CryptoKey objects as they are: non-extractable) ---------

  function database() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function storage(mode, action) {
    const db = await database();
    return new Promise((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }).finally(() => db.close());
  }

  const keptKey = () => storage("readonly", (store) => store.get(RECORD)).catch(() => undefined);
  const keepKey = (record) => storage("readwrite", (store) => store.put(record, RECORD));
  const forgetKey = () => storage("readwrite", (store) => store.delete(RECORD)).catch(() => undefined);

  // --- Signed notes (c2sp.org/signed-note) ---------------------------------------------------------------------

  async function signNote(text, signer) {
    const signature = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, signer.key, new TextEncoder().encode(text)));
    const blob = new Uint8Array(4 + signature.length);
    blob.set(signer.keyID);
    blob.set(signature, 4);
    return `${text}\n\u2014 ${signer.name} ${btoa(String.fromCharCode(...blob))}\n`;
  }

  async function post(url, body, type) {
    const response = await fetch(url, { method: "POST", headers: { "Content-Type": type }, body, credentials: "same-origin" });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error?.message || `${response.status}`);
    return answer;
  }

  function show(element, message) {
    element.textContent = message;
    element.hidden = false;
    element.focus();
  }

  // --- The sign-in page ----------------------------------------------------------------------------------------

  function setUpSignIn(form) {
    const error = document.getElementById("sign-in-error");
    const messages = form.dataset;
    form.hidden = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.hidden = true;
      const file = form.elements.key.files[0];
      if (!file) return show(error, messages.noFile);
      let signer;
      try { signer = await importKey(file); } catch (e) {
        return show(error, e.message === "key-file" ? messages.badFile : messages.noEd25519);
      }
      try {
        const challenge = await post("/api/v1/session/challenge", "", "text/plain; charset=utf-8");
        const lines = challenge.message.split("\n");
        // Sign a sign-in and nothing else, whatever the node sent.
        if (lines.length !== 4 || lines[1] !== "sign-in" || !lines[2].startsWith("challenge ") || lines[3] !== "") {
          throw new Error(messages.badChallenge);
        }
        const session = await post("/api/v1/session", await signNote(challenge.message, signer), "text/plain; charset=utf-8");
        if (form.elements.remember.checked) await keepKey({ ...signer, member: session.member });
        else await forgetKey();
        location.assign(form.dataset.next || "/");
      } catch (e) {
        show(error, `${messages.refused} ${e.message}`);
      }
    });
  }

  // --- Acts from the pages -------------------------------------------------------------------------------------

  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const base64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));

  // The members ticked in a group of checkboxes, in ascending order (as acts list them).
  const ticked = (form, name) => [...form.querySelectorAll(`input[type=checkbox][name="${name}"]:checked`)].map((i) => i.value).sort();

  // A date and time the browser shows in local time, as RFC 3339 in UTC without fractions.
  const utc = (value) => new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z");

  // The sealed document of an act that carries one (an answer, a request): a JSON object of the fields data-sealed
  // names — "name[]" a list (ticked boxes, or words of a text field), "name?" left out when empty — and a fresh salt,
  // which goes to the node beside the act; the act carries its SHA-256 only ("sealed" line).
  async function sealedDocument(form) {
    const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
    const fields = { salt };
    for (const spec of form.dataset.sealed.split(",")) {
      const name = spec.replace(/[[\]?]/g, "");
      const element = form.elements[name];
      if (spec.endsWith("[]")) {
        fields[name] = form.querySelector(`input[type=checkbox][name="${name}"]`)
          ? ticked(form, name) : element.value.split(/[\s,]+/).filter((word) => word !== "");
        continue;
      }
      const value = element.type === "datetime-local" && element.value !== "" ? utc(element.value) : element.value;
      if (value.trim() === "") {
        if (spec.endsWith("?")) continue;
        throw new Error(form.dataset.missing);
      }
      fields[name] = value;
    }
    const bytes = new TextEncoder().encode(JSON.stringify(fields, Object.keys(fields).sort()));
    return { bytes, digest: hex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))) };
  }

  // A proposal's text, posted to the node before the act that names it (with the session's CSRF token, which the
  // header's sign-out form carries); the node answers its SHA-256.
  async function upload(form, name) {
    const file = form.elements[name + "File"]?.files?.[0];
    const content = file ? await file.text() : form.elements[name].value;
    if (content.trim() === "") throw new Error(form.dataset.missing);
    const csrf = document.querySelector("form.sign-out input[name=csrf]")?.value || "";
    const response = await fetch("/api/v1/documents", {
      method: "POST", credentials: "same-origin", body: content,
      headers: { "Content-Type": "text/markdown; charset=utf-8", "X-CSRF-Token": csrf },
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error?.message || `${response.status}`);
    return answer.sha256;
  }

  // The act's text, line by line as docs/acts.md defines it: origin, act type, actor, sequence, then the body's
  // lines in the order the form names them (data-lines), each "name value" — or, for a line written "@a b c?", the
  // values of the fields a, b and c separated by spaces (c left out when empty; "sealed" the sealed document's hash),
  // as a contact act's "add ID ROLE SHA256 [KEY]".
  async function actText(form) {
    const { origin, act, by } = form.dataset;
    const member = await fetch(`/api/v1/members/${encodeURIComponent(by)}`, { credentials: "same-origin" }).then((r) => r.json());
    const lines = [origin, `act ${act}`, `by ${by}`, `seq ${member.next_seq}`];
    form.sealedBytes = null;
    for (const name of form.dataset.lines.split(",")) {
      if (name.startsWith("@")) {
        const values = [];
        for (const part of name.slice(1).split(" ")) {
          if (part === "sealed") {
            const sealed = await sealedDocument(form);
            form.sealedBytes = sealed.bytes;
            values.push(sealed.digest);
            continue;
          }
          const value = (form.elements[part.replace("?", "")].value || "").trim();
          if (value === "" && part.endsWith("?")) continue;
          if (value === "" || /\s/.test(value)) throw new Error(form.dataset.missing);
          values.push(value);
        }
        lines.push(values.join(" "));
        continue;
      }
      if ((form.dataset.upload || "").split(",").includes(name)) {
        lines.push(`${name} ${await upload(form, name)}`);
        continue;
      }
      if (name === "to" || name === "recipients") {  // a request's recipients: named, or only counted (sealed parties)
        const recipients = ticked(form, "to");
        if (recipients.length === 0) throw new Error(form.dataset.missing);
        lines.push(`${name} ${name === "to" ? recipients.join(",") : recipients.length}`);
        continue;
      }
      if (name === "sealed") {
        const sealed = await sealedDocument(form);
        form.sealedBytes = sealed.bytes;
        lines.push(`sealed ${sealed.digest}`);
        continue;
      }
      const value = (form.elements[name].value || "").trim();
      if (value.includes("\n")) throw new Error(form.dataset.oneLine);
      if (value === "" && (form.dataset.optional || "").split(",").includes(name)) continue;
      if (value === "") throw new Error(form.dataset.missing);
      lines.push(`${name} ${value}`);
    }
    return lines.join("\n") + "\n";
  }

  function setUpActForm(form) {
    const review = document.getElementById(form.dataset.review);
    const text = review.querySelector("pre");
    const error = review.querySelector("[role=alert]");
    const fileField = review.querySelector(".key-file");
    form.hidden = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        text.textContent = await actText(form);
      } catch (e) {
        return show(form.querySelector("[role=alert]"), e.message);
      }
      const kept = await keptKey();
      fileField.hidden = !!(kept && kept.member === form.dataset.by);
      error.hidden = true;
      review.hidden = false;
      review.querySelector("h3").focus();
    });
    review.querySelector("button.cancel").addEventListener("click", () => {
      review.hidden = true;
      form.querySelector("button[type=submit]").focus();
    });
    review.querySelector("button.sign").addEventListener("click", async () => {
      error.hidden = true;
      try {
        let signer = await keptKey();
        if (!signer || signer.member !== form.dataset.by) {
          const file = review.querySelector("input[type=file]").files[0];
          if (!file) return show(error, form.dataset.noFile);
          signer = await importKey(file);
        }
        const note = await signNote(text.textContent, signer);
        const receipt = form.sealedBytes
          ? await post("/api/v1/acts", JSON.stringify({ act: note, sealed: base64(form.sealedBytes) }), "application/json")
          : await post("/api/v1/acts", note, "text/plain; charset=utf-8");
        location.assign(`/acts/${receipt.index}`);
      } catch (e) {
        show(error, `${form.dataset.refused} ${e.message === "key-file" ? form.dataset.badFile : e.message}`);
      }
    });
  }

  // Signing out forgets the kept key as well.
  function setUpSignOut(form) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      await forgetKey();
      form.submit();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const signIn = document.getElementById("sign-in");
    if (signIn) setUpSignIn(signIn);
    for (const form of document.querySelectorAll("form.act-form")) setUpActForm(form);
    for (const form of document.querySelectorAll("form.sign-out")) setUpSignOut(form);
  });
})();
