"""The desk benchmark's client (bench/desk.sh): signs in, times pages, and times a mention from
the API to an open queue page. Standard library only."""
import http.client, json, sys, threading, time, urllib.parse

addr, login, password, token, rounds, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]
host = urllib.parse.urlparse(addr).netloc


def conn():
    return http.client.HTTPConnection(host, timeout=30)


c = conn()
body = urllib.parse.urlencode({"login": login, "password": password, "next": "/cases"})
c.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded", "Host": host})
r = c.getresponse(); r.read()
cookie = r.getheader("Set-Cookie", "").split(";")[0]
assert cookie.startswith("defuse_session="), f"sign-in failed: {r.status}"
H = {"Cookie": cookie, "Host": host}


def get(path):
    c.request("GET", path, headers=H)
    r = c.getresponse(); data = r.read()
    assert r.status == 200, f"{path}: {r.status}"
    return data


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def timed(name, paths):
    for p in paths[:5]:
        get(p)  # warm up
    ts = []
    for i in range(rounds):
        t0 = time.perf_counter(); get(paths[i % len(paths)]); ts.append((time.perf_counter() - t0) * 1000)
    print(f"{name:<28} p50 {pct(ts, 50):7.1f} ms   p99 {pct(ts, 99):7.1f} ms   ({rounds} requests)")


html = get("/cases").decode()
ids = sorted({int(x.split('"')[0]) for x in html.split('data-case="')[1:]})[:50]
print(f"desk benchmark: {n} mentions imported; {len(ids)} cases on the first page")
timed("queue, first page", ["/cases"])
timed("queue, filtered", ["/cases?kind=complaint&source=vk", "/cases?brand=AeroSky&lang=ru", "/cases?status=all&page=3"])
timed("queue, search", ["/cases?q=" + urllib.parse.quote(w) for w in ["задержка", "flight", "bagaj", "ужасно", "delay", "банк"]])
timed("case page", [f"/cases/{i}" for i in ids])

# A mention through the API, to the open queue page: the event, then the page's fetch of rows.
lat = []
events = []
ready = threading.Event()


def listen():
    s = conn()
    s.request("GET", "/events", headers=H)
    r = s.getresponse()
    ready.set()
    while True:
        line = r.fp.readline()
        if not line:
            return
        if line.startswith(b"event: change"):
            events.append(time.perf_counter())


threading.Thread(target=listen, daemon=True).start()
ready.wait(5)
api = conn()
for i in range(min(rounds, 200)):
    before = len(events)
    t0 = time.perf_counter()
    m = json.dumps({"source": "x", "id": f"live-{time.time_ns()}-{i}", "text": f"AeroSky bench live {i}: my bag is lost", "author": {"id": f"live{i}"}})
    api.request("POST", "/api/v1/mentions", m, {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Host": host})
    r = api.getresponse(); r.read()
    assert r.status == 200, r.status
    deadline = time.perf_counter() + 5
    while len(events) == before and time.perf_counter() < deadline:
        time.sleep(0.0005)
    assert len(events) > before, "no event within 5 s"
    # The page that is open: a search for it (older breached cases sort first otherwise).
    page = get("/cases?fragment=rows&q=" + urllib.parse.quote(f"bench live {i}")).decode()
    assert f"bench live {i}:" in page, "the new mention is not on the open queue page"
    lat.append((time.perf_counter() - t0) * 1000)
    # The watcher of other writers may add an event of its own: let it pass.
    time.sleep(0.02)
print(f"{'mention → open queue':<28} p50 {pct(lat, 50):7.1f} ms   p99 {pct(lat, 99):7.1f} ms   ({len(lat)} mentions)")
