-- wrk script: GET page 1 of a respondent's questionnaire in their session.
-- The request is the same every time, so it is set once (wrk then sends it
-- as it does nginx's, without calling Lua for each request).
local cookie
for line in io.lines(os.getenv("KARTLA_SESSIONS")) do
  cookie = cookie or line:match("^(%S+) ")
end
wrk.headers["Cookie"] = cookie
