#!/usr/bin/env python3
"""A mail sink for the delivery tests: an aiosmtpd SMTP server on 127.0.0.1, on a port the system picks.

Usage: mail_sink.py DIRECTORY. Once it listens it prints "port N" on its standard output. Each message it accepts is
written to DIRECTORY as NNNN.eml (the bytes received) and NNNN.json (a summary parsed by Python's email package: the
envelope, the headers decoded, the body decoded), the JSON file renamed into place before the server answers 250, so
a sendmail command that exited 0 has left both. It stops when its standard input closes, so it never outlives the
test that started it."""

import asyncio
import email
import email.policy
import json
import pathlib
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": {name: str(value) for name, value in message.items()},
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "multipart": message.is_multipart(),
            "body": message.get_content().replace("\r\n", "\n"),
        }
        name = f"{self.count:04d}"
        (self.directory / f"{name}.eml").write_bytes(raw)
        temporary = self.directory / f"{name}.json.tmp"
        temporary.write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
        temporary.rename(self.directory / f"{name}.json")
        return "250 Message accepted"


async def main():
    directory = pathlib.Path(sys.argv[1])
    loop = asyncio.get_running_loop()
    handler = Sink(directory)
    server = await loop.create_server(lambda: SMTP(handler, hostname="sink.test"), host="127.0.0.1", port=0)
    print(f"port {server.sockets[0].getsockname()[1]}", flush=True)
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
