// The respondent's web pages: following an invitation link, answering page
// by page, reviewing, submitting, and seeing one's own answers. Builds the
// router and wraps every handler with the security headers, error pages,
// compression and the request log.
#ifndef KARTLA_WEB_WEB_APP_H_
#define KARTLA_WEB_WEB_APP_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/local_time.h"
#include "fieldwork/invitation_service.h"
#include "forms/form_service.h"
#include "responses/response_service.h"
#include "rounds/round_store.h"
#include "web/http.h"

namespace kartla::web {

struct WebOptions {
  // Mark cookies Secure; set when served behind TLS. Default: false.
  bool secure_cookies = false;
  // Send Strict-Transport-Security (the public address is https). Default:
  // false.
  bool hsts = false;
  // The reverse proxies whose X-Forwarded-For names the client (see
  // ClientAddress). Default: none.
  std::vector<std::string> trusted_proxies;
  // How long a session opened by a link lasts. Default: 8 hours.
  std::chrono::seconds session_lifetime{8 * 3600};
  // Failed link attempts from one address within a minute before further
  // attempts get 429. Default: 10.
  int bad_token_limit = 10;
  // The folder of the releases served at /results and /api/v1; "" serves
  // none. Default: "".
  std::string results_folder;
  // The survey's time zone (an IANA name): respondents read times in it.
  // Default: Europe/Helsinki.
  std::string time_zone = kDefaultTimeZone;
  // Render the fixed part of each question once per questionnaire and
  // language, and only what varies with the answers on each page (the
  // pages are the same either way; a test compares them). Default: true.
  bool prepare_questions = true;
};

// The services the pages use; all must outlive the handler.
struct WebServices {
  fieldwork::InvitationService& invitations;
  // Answering: starting, saving, submitting, handing over, reopening
  // (with the setting of reopening).
  responses::ResponseService& responses;
  forms::FormService& forms;
  rounds::RoundStore& rounds;
  const Clock& clock;
  // The name and address of the person an invitation was mailed to, for
  // telling colleagues apart; "" for a link made without a contact. May be
  // empty.
  std::function<std::string(const fieldwork::Invitation&)> person_of;
  // While the handle it gives lives, the thread's reads share one snapshot
  // of the database (Storage::ReadTogether); each request holds one. May be
  // empty.
  std::function<std::shared_ptr<void>()> read_together;
  // An organisation's name by its code (the registry's), for the printed
  // questionnaire and answers. May be empty (the code is shown).
  std::function<LocalizedText(const std::string& code)> organisation_name;
  // Counts an attempt (a bad link from an address) across every server of
  // the database; returns how many `key` made in this minute, or nullopt if
  // the database keeps no such count (then this process counts). May be
  // empty.
  std::function<std::optional<int64_t>(const std::string& key)> count_attempt;
};

struct AdminServices;

// The handler of every request, for StartHttpServer. Thread-safe. With
// `admin`, it serves the survey team's pages too (web/admin_app.h).
Site MakeWebHandler(const WebServices& services, const WebOptions& options,
                    const AdminServices* admin = nullptr);

}  // namespace kartla::web

#endif  // KARTLA_WEB_WEB_APP_H_
