-- comment.lua: POST new, distinct comments to Khabar through the full pipeline
-- (CSRF, captcha, form, moderation engine, storage).
--   CAPTCHAS=captchas.tsv CSRF_COOKIE=… CSRF_TOKEN=… ARTICLE_CODE=1224974 \
--   wrk -t1 -c8 -d10s -s comment.lua http://127.0.0.1:8021
-- Each request spends one pre-signed captcha; prints RESULT lines like get.lua.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  tokens, answers = {}, {}
  for line in io.lines(os.getenv("CAPTCHAS")) do
    local token, answer = line:match("^(%S+)\t(%d+)$")
    table.insert(tokens, token)
    table.insert(answers, answer)
  end
  csrf = os.getenv("CSRF_TOKEN")
  path = "/comments/post/" .. os.getenv("ARTICLE_CODE") .. "/"
  run_tag = os.getenv("COMMENT_RUN_TAG") or tostring(os.time())
  -- a warm-up run spends captchas from the far end of the list
  offset = tonumber(os.getenv("CAPTCHA_OFFSET") or "0")
  n, ok, bad = 0, 0, 0
  wrk.headers["Cookie"] = "csrftoken=" .. os.getenv("CSRF_COOKIE")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  n = n + 1
  local i = ((n - 1 + offset) % #tokens) + 1
  local text = "نظر خواننده شماره " .. n .. " در اجرای " .. run_tag ..
    ": این گزارش درباره دیدار وزیران دفاع روشن و دقیق بود."
  local body = "name=" .. urlencode("خواننده " .. n) .. "&email=&parent=&website=" ..
    "&text=" .. urlencode(text) .. "&captcha_token=" .. urlencode(tokens[i]) ..
    "&captcha_answer=" .. answers[i] .. "&csrfmiddlewaretoken=" .. csrf
  return wrk.format("POST", path, nil, body)
end

function response(status, headers, body)
  if status == 302 then ok = ok + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local good, failed = 0, 0
  for _, t in ipairs(threads) do
    good = good + t:get("ok")
    failed = failed + t:get("bad")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d\n", summary.requests))
  io.write(string.format("RESULT rps=%.2f\n", good / secs))
  io.write(string.format("RESULT p50_ms=%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("RESULT p99_ms=%.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("RESULT errors=%d\n", summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
  io.write(string.format("RESULT non200=%d\n", failed))
  io.write(string.format("RESULT bytes_per_resp=%d\n", summary.requests > 0 and summary.bytes / summary.requests or 0))
end
