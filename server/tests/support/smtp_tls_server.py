"""A real SMTP server for the outbound TLS tests (Debian's aiosmtpd).

usage: smtp_tls_server.py PORT starttls|implicit CERT KEY OUTFILE
Each accepted message appends one line to OUTFILE: "<recipients> tls=<cipher or none>".
Prints READY once listening; runs until killed.
"""
import ssl
import sys
import time

from aiosmtpd.controller import Controller

port, mode, cert, key, out = sys.argv[1:6]


class Record:
    async def handle_DATA(self, server, session, envelope):
        # STARTTLS records the cipher on the session; implicit TLS only on the transport.
        cipher = (session.ssl or {}).get("cipher") or server.transport.get_extra_info("cipher")
        with open(out, "a", encoding="utf-8") as f:
            f.write(f"{','.join(envelope.rcpt_tos)} tls={cipher[0] if cipher else 'none'}\n")
        return "250 OK"


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
if mode == "starttls":
    # STARTTLS offered and required before any mail is accepted.
    controller = Controller(Record(), hostname="127.0.0.1", port=int(port),
                            tls_context=context, require_starttls=True)
else:
    controller = Controller(Record(), hostname="127.0.0.1", port=int(port), ssl_context=context)
controller.start()
print("READY", flush=True)
while True:
    time.sleep(3600)
