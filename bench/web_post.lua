-- wrk script: each request saves page 1 of a different respondent's
-- questionnaire (sessions from bench/sessions.txt: "cookie csrf" per line).
local sessions = {}
for line in io.lines(os.getenv("KARTLA_SESSIONS")) do
  local cookie, csrf = line:match("^(%S+) (%S+)$")
  sessions[#sessions + 1] = { cookie = cookie, csrf = csrf }
end
local next_session = 0
local counter = 0

request = function()
  next_session = next_session % #sessions + 1
  counter = counter + 1
  local s = sessions[next_session]
  local body = "csrf=" .. s.csrf ..
    "&arrangement_1=own&arrangement_2=own&arrangement_3=own" ..
    "&ict_responsible=yes&main_provider=own_unit&maturity=3" ..
    "&comments_2=load" .. counter .. "&go=next"
  return wrk.format("POST", "/q/page/1", {
    ["Cookie"] = s.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
