"""An HTTP server on 127.0.0.1 that answers every GET after a delay, so that each client holds
its socket for that long. Prints its port, then serves until killed.
Usage: python3 slow_http_server.py DELAY_SECONDS"""
import http.server
import sys
import time

delay = float(sys.argv[1])


class Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(delay)
        body = b"slow\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
print(server.server_address[1], flush=True)
server.serve_forever()
