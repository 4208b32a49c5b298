"""A session per link in LINKS (its cookie and CSRF token, one per line, for
bench/web_get.lua and web_post.lua) and the first page's bytes, from the
server at 127.0.0.1:PORT.

Usage: python3 bench/sessions.py LINKS PORT SESSIONS_OUT PAGE_OUT
"""
import re
import sys
import urllib.request

links, port, sessions_out, page_out = sys.argv[1:5]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


opener = urllib.request.build_opener(NoRedirect)
lines = []
page = None
for token in re.findall(r"/r/([A-Za-z0-9_-]+)", open(links).read()):
    try:
        opener.open(f"http://127.0.0.1:{port}/r/{token}")
    except urllib.error.HTTPError as redirect:
        cookie = redirect.headers["Set-Cookie"].split(";")[0]
    request = urllib.request.Request(f"http://127.0.0.1:{port}/q/page/1",
                                     headers={"Cookie": cookie})
    body = urllib.request.urlopen(request).read()
    page = page or body
    csrf = re.search(rb'name="csrf" value="([^"]+)"', body).group(1).decode()
    lines.append(f"{cookie} {csrf}")
open(sessions_out, "w").write("\n".join(lines) + "\n")
open(page_out, "wb").write(page)
