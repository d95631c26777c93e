#!/usr/bin/python3
"""A real SMTP server for the mail tests (aiosmtpd, Debian's
python3-aiosmtpd). Usage: smtp_sink.py PORT DIR. It listens on
127.0.0.1:PORT and writes every message it accepts to DIR as one JSON
file (envelope, decoded subject, Message-ID and plain-text body), written
whole before it is renamed into place, so a reader never sees half a
message. It runs until it is killed."""

import email
import email.policy
import json
import os
import signal
import sys
import uuid

from aiosmtpd.controller import Controller


class JsonDir:
    def __init__(self, out):
        self.out = out

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["from"]),
            "to": str(message["to"]),
            "subject": str(message["subject"]),
            "message_id": str(message["message-id"]),
            "body": body.get_content() if body is not None else "",
        }
        name = uuid.uuid4().hex
        partial = os.path.join(self.out, "." + name)
        with open(partial, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(partial, os.path.join(self.out, name + ".json"))
        return "250 Message accepted"


def main():
    port, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    controller = Controller(JsonDir(out), hostname="127.0.0.1", port=port)
    controller.start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        signal.pause()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
