-- wrk script for Coopline's benchmark: every request gets a unique cooperation id.
--
--   wrk ... -s bench/wrk_post.lua URL -- MODE FILE PREFIX [BATCH]
--
-- MODE post:  POST one event per request; FILE holds one JSON body per line with __ID__
--             where the id goes; ids are PREFIX-<thread>-<counter>, so never repeated.
-- MODE batch: POST a JSON array of BATCH such events per request.
-- MODE get:   GET the paths in FILE (one per line) in turn.
-- At the end one line "WRKJSON {...}" carries the counts and latency percentiles (µs).

local threads = {}
local thread_no = 0

function setup(thread)
  thread_no = thread_no + 1
  thread:set("tid", thread_no)
  table.insert(threads, thread)
end

local lines, mode, prefix, batch = {}, "post", "w", 1
local counter, headers = 0, { ["Content-Type"] = "application/json" }

function init(args)
  mode, prefix, batch = args[1], args[3], tonumber(args[4] or "1")
  for line in io.lines(args[2]) do
    if #line > 0 then table.insert(lines, line) end
  end
  if mode == "get" then headers = {} end
end

local function body()
  counter = counter + 1
  local t = lines[(counter % #lines) + 1]
  -- plain find/sub rather than gsub: an id never needs escaping, and this is cheaper
  local i, j = string.find(t, "__ID__", 1, true)
  return string.sub(t, 1, i - 1) .. prefix .. "-" .. tid .. "-" .. counter .. string.sub(t, j + 1)
end

function request()
  if mode == "get" then
    counter = counter + 1
    return wrk.format("GET", lines[(counter % #lines) + 1], headers)
  elseif mode == "batch" then
    local items = {}
    for k = 1, batch do items[k] = body() end
    return wrk.format("POST", nil, headers, "[" .. table.concat(items, ",") .. "]")
  end
  return wrk.format("POST", nil, headers, body())
end

function done(summary, latency, requests)
  local e = summary.errors
  local p = {}
  for _, q in ipairs({ 50, 90, 99, 99.9 }) do
    table.insert(p, string.format('"%s": %d', tostring(q), latency:percentile(q)))
  end
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, "read_errors": %d, '
      .. '"write_errors": %d, "status_errors": %d, "timeouts": %d, "latency_mean_us": %.1f, '
      .. '"latency_max_us": %d, "percentiles_us": {%s}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.max, table.concat(p, ", ")))
end
