#!/usr/bin/env python3
"""TAXII 2.1 interoperability test: the real clients (taxii2-client, stix2) against a live `roundtable serve`,
and every object that comes back checked by stix2-validator with the TLP 2.0 schema.

Usage: taxii_interop.py PATH-TO-roundtable
Starts a demonstration node on a loopback port it binds itself (--port 0) in a temporary directory, stops it by its PID at the end, and
exits non-zero on the first failed check.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import roundtable_node  # noqa: E402
import stix2
import stix2validator
from taxii2client.v21 import Server, as_pages
from taxii2client.exceptions import TAXIIServiceException
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
TLP = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
checks = 0


def check(condition, what):
    global checks
    if not condition:
        raise AssertionError(what)
    checks += 1


def validate(objects):
    options = stix2validator.ValidationOptions(schema_dir=os.path.join(HERE, "tlp2-schema"), strict=False)
    for obj in objects:
        result = stix2validator.validate_instance(obj, options)
        check(result.is_valid, f"stix2-validator refuses {obj.get('id')}: {[str(e) for e in result.errors]}")


def indicator(number, level, **extra):
    return stix2.Indicator(
        id=f"indicator--{uuid.uuid4()}",
        name=f"interop indicator {number}",
        pattern=f"[ipv4-addr:value = '203.0.113.{number % 250 + 1}']",
        pattern_type="stix",
        valid_from="2026-11-29T00:00:00Z",
        object_marking_refs=[TLP[level]],
        allow_custom=True,
        **extra,
    )


def main(binary):
    data = tempfile.mkdtemp(prefix="roundtable-interop-")
    log = open(os.path.join(data, "node.log"), "w")
    node, url = roundtable_node.start(binary, ["--demo", "--data", data + "/node"], log)
    try:
        keys = data + "/node/demo-keys"
        token = {m: open(f"{keys}/{m}.token").read().strip() for m in ("ee", "fr", "ke", "jp")}
        admin = open(data + "/node/admin.token").read().strip()
        request = urllib.request.Request(
            url + "/api/v1/admin/collections",
            data=json.dumps({"alias": "interop", "title": "Interoperability", "default_tlp": "amber"}).encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer " + admin},
            method="POST",
        )
        created = json.load(urllib.request.urlopen(request))

        # Discovery, API root and collections, as taxii2-client reads them.
        server = Server(url + "/taxii2/", user="ee", password=token["ee"])
        check(server.title and server.api_roots, "discovery lists an API root")
        root = server.api_roots[0]
        check("application/taxii+json;version=2.1" in root.versions, "the API root speaks TAXII 2.1")
        collection = next(c for c in root.collections if c.id == created["id"])
        check(collection.can_read and collection.can_write, "ee may read and write the new collection")

        # add_objects and its status.
        objects = [indicator(n, ["clear", "green", "amber"][n % 3]) for n in range(30)]
        envelope = {"objects": [json.loads(o.serialize()) for o in objects]}
        status = collection.add_objects(json.dumps(envelope))
        check(status.status == "complete" and status.success_count == 30 and status.failure_count == 0, f"add_objects: {status}")
        again = collection.add_objects(json.dumps(envelope))
        check(again.success_count == 30 and again.failure_count == 0, "exact duplicates are successes")

        # Lossless paging with as_pages, and with next.
        seen = []
        for page in as_pages(collection.get_objects, per_request=7):
            seen += [o["id"] for o in page.get("objects", [])]
        check(sorted(seen) == sorted(o.id for o in objects) and len(seen) == 30, f"as_pages returned {len(seen)} objects")
        manual, next_token = [], None
        while True:
            page = collection.get_objects(limit=4, next=next_token) if next_token else collection.get_objects(limit=4)
            manual += page.get("objects", [])
            if not page.get("more"):
                break
            check("next" in page, "more:true always comes with next")
            next_token = page["next"]
        check(len(manual) == 30, "paging with next is lossless")
        validate(manual)

        # gzip, which requests asks for on taxii2-client's behalf: the page comes compressed, varies on Accept-Encoding,
        # reads as the plain one, and a poll with its ETag is a 304.
        objects_url = f"{url}/taxii2/forum/collections/{created['id']}/objects/"
        taxii = {"Accept": "application/taxii+json;version=2.1"}
        plain = requests.get(objects_url, auth=("ee", token["ee"]), headers=dict(taxii, **{"Accept-Encoding": "identity"}))
        packed = requests.get(objects_url, auth=("ee", token["ee"]), headers=dict(taxii, **{"Accept-Encoding": "gzip"}))
        check(plain.headers.get("Content-Encoding") is None and packed.headers.get("Content-Encoding") == "gzip", "gzip when asked, only then")
        check("Accept-Encoding" in packed.headers.get("Vary", ""), "Vary: Accept-Encoding")
        check(packed.json() == plain.json() and len(packed.json()["objects"]) == 30, "the gzip page reads as the plain one")
        check(packed.headers.get("Cache-Control") == "private, no-cache", "a member's page is private")
        polled = requests.get(objects_url, auth=("ee", token["ee"]), headers=dict(taxii, **{"If-None-Match": packed.headers["ETag"]}))
        check(polled.status_code == 304 and not polled.content, "If-None-Match with the page's ETag: 304")

        # added_after, manifest, object by id.
        manifest = collection.get_manifest()
        records = manifest["objects"]
        check(len(records) == 30 and all(r["media_type"] == "application/stix+json;version=2.1" for r in records), "manifest")
        added = [r["date_added"] for r in records]
        check(added == sorted(added) and len(set(added)) == 30, "date_added ascending and distinct")
        after = collection.get_objects(added_after=added[9])
        check(len(after["objects"]) == 20, "added_after is exclusive")
        one = collection.get_object(objects[0].id)
        check(one["objects"][0]["id"] == objects[0].id, "object by id")

        # Versions, match[version]=first|last|all.
        newer = objects[0].new_version(name="interop indicator 0, revised", modified="2027-01-01T00:00:00.000Z")
        collection.add_objects(json.dumps({"objects": [json.loads(newer.serialize())]}))
        versions = collection.object_versions(objects[0].id)["versions"]
        check(len(versions) == 2, f"two versions: {versions}")
        check(collection.get_object(objects[0].id)["objects"][0]["name"].endswith("revised"), "the last version by default")
        check(collection.get_object(objects[0].id, version="first")["objects"][0]["name"] == "interop indicator 0", "match[version]=first")
        check(len(collection.get_object(objects[0].id, version="all")["objects"]) == 2, "match[version]=all")
        validate(collection.get_object(objects[0].id, version="all")["objects"])

        # TLP: Kenya reads CLEAR/GREEN/AMBER of an all-members collection; the public sees only CLEAR (not public here).
        kenya = next(c for c in Server(url + "/taxii2/", user="ke", password=token["ke"]).api_roots[0].collections if c.id == created["id"])
        red = indicator(99, "red", x_roundtable_recipients=["fr"])
        collection.add_objects(json.dumps({"objects": [json.loads(red.serialize())]}))
        kenya_ids = {o["id"] for p in as_pages(kenya.get_objects, per_request=50) for o in p.get("objects", [])}
        check(red.id not in kenya_ids and len(kenya_ids) == 30, "TLP:RED for France is invisible to Kenya")
        france = next(c for c in Server(url + "/taxii2/", user="fr", password=token["fr"]).api_roots[0].collections if c.id == created["id"])
        check(france.get_object(red.id)["objects"][0]["id"] == red.id, "France, a named recipient, reads the RED object")
        try:
            kenya.get_object(red.id)
            check(False, "Kenya must get 404 for the RED object")
        except (TAXIIServiceException, requests.exceptions.HTTPError):
            check(True, "404")
        # What the TLP policy refuses, and an envelope with no valid object, are 422s the client raises; nothing stored.
        before = len(collection.get_manifest().get("objects", []))
        red_alone = json.loads(indicator(98, "red").serialize())
        invalid = dict(json.loads(indicator(97, "green").serialize()), id="indicator--not-a-uuid")
        for body, what in (([red_alone], "a RED object without recipients"), ([invalid], "an invalid STIX object")):
            try:
                collection.add_objects(json.dumps({"objects": body}))
                check(False, f"{what} must be refused")
            except requests.exceptions.HTTPError as error:
                check(error.response.status_code == 422, f"{what}: 422, not {error.response.status_code}")
                check(error.response.json().get("http_status") == "422", f"{what}: a TAXII error message")
        check(len(collection.get_manifest().get("objects", [])) == before, "refused envelopes store nothing")

        # Delete.
        collection.delete_object(objects[1].id)
        try:
            collection.get_object(objects[1].id)
            check(False, "a deleted object must be gone")
        except (TAXIIServiceException, requests.exceptions.HTTPError):
            check(True, "deleted")
        check(all(r["id"] != objects[1].id for r in collection.get_manifest()["objects"]), "the manifest no longer lists it")
        # A member proves that objects it may read are in the log: one in clear (CLEAR), one sealed (AMBER).
        vkey = urllib.request.urlopen(url + "/log/vkey").read().decode().strip()
        for obj, how in ((objects[3], "in clear"), (objects[2], "as a salted commitment")):
            for attempt in range(20):
                proof = subprocess.run(
                    [binary, "exchange", "prove", "--node", url, "--user", "ke", "--token-file", f"{keys}/ke.token",
                     "--collection", created["id"], "--object", obj.id, "--vkey", vkey],
                    capture_output=True, text=True)
                if proof.returncode == 0:
                    break
                time.sleep(0.5)  # the checkpoint covering the act is published within a second
            check(proof.returncode == 0 and how in proof.stdout, f"exchange prove: {proof.stdout} {proof.stderr}")
        print(f"interop: {checks} checks passed (taxii2-client, stix2, stix2-validator against roundtable serve)")
    finally:
        roundtable_node.stop(node)
        log.close()


if __name__ == "__main__":
    main(sys.argv[1])
