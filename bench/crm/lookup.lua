-- wrk script: screen-pop look-ups of random customers among the N that gen_customers.py wrote.
-- Environment: CUSTOMERS (N), LOOKUP ("phone": by calling number, "id": the customer card, "name": the search
-- box with a first name and a last name, as an agent types it), TOKEN, TENANT.
local n = tonumber(os.getenv("CUSTOMERS") or "1000000")
local by = os.getenv("LOOKUP") or "phone"
local tenant = os.getenv("TENANT") or "bench"
local headers = { ["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "") }

-- The names gen_customers.py draws from (each pair names about N / 256 customers).
local first = { "Youssef", "Fatima", "Mohamed", "Khadija", "Omar", "Salma", "Hamza", "Imane", "Karim", "Nadia",
  "Lucía", "Pierre", "Amine", "Sara", "Mehdi", "Leila" }
local last = { "Amrani", "Bennani", "Alaoui", "Tazi", "Berrada", "Idrissi", "Chraibi", "Fassi", "Martin", "García",
  "Ouazzani", "Lahlou", "Benjelloun", "Kettani", "Sefrioui", "Naciri" }

local function urlencode(s)
  return (s:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  thread:set("id", math.random(1, 1000000))
end

function init(args)
  math.randomseed(id)
end

request = function()
  local i = math.random(0, n - 1)
  local path
  if by == "id" then
    path = "/api/v1/customers/" .. tenant .. "/C" .. i
  elseif by == "name" then
    local q = first[math.random(1, #first)] .. " " .. last[math.random(1, #last)]
    path = "/api/v1/customers/" .. tenant .. "/search?q=" .. urlencode(q) .. "&limit=20"
  else
    -- the calling number as a trunk presents it: national format
    path = string.format("/api/v1/customers?tenant=%s&phone=06%08d", tenant, 10000000 + i)
  end
  return wrk.format("GET", path, headers)
end

local errors = 0
response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d in %.1f s: %.0f/s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; non-2xx %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status))
end
