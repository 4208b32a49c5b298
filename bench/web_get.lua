-- wrk script: GET page 1 of a respondent's questionnaire in their session.
local cookie
for line in io.lines(os.getenv("KARTLA_SESSIONS")) do
  cookie = cookie or line:match("^(%S+) ")
end
request = function()
  return wrk.format("GET", "/q/page/1", { ["Cookie"] = cookie })
end
