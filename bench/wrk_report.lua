-- wrk -s bench/wrk_report.lua: `make bench`'s wrk script (bench/wrk.py runs it).
-- Sends BENCH_COOKIE ("name=value", the signed-in session) as the Cookie header of every request,
-- counts redirects (a signed-out page answers 302 to the login page, which wrk would count as success),
-- and prints in done() one line: BENCH_JSON {...} with requests, duration, req/s, latency percentiles
-- (milliseconds) and errors (socket errors, and `status`: responses that are not 2xx/3xx).

local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  redirects = 0
end

function response(status, headers, body)
  if status >= 300 and status < 400 then
    redirects = redirects + 1
  end
end

function done(summary, latency, requests)
  local redirected = 0
  for _, thread in ipairs(threads) do
    redirected = redirected + (thread:get("redirects") or 0)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_s":%.3f,"rps":%.2f,"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,'
      .. '"mean_ms":%.3f,"max_ms":%.3f,"redirects":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, latency.max / 1000, redirected,
    e.connect, e.read, e.write, e.timeout, e.status
  ))
end
