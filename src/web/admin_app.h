// The survey team's pages (/admin/...) and the monitoring API
// (/api/v1/...): signing in and out, the workspace, monitoring a round,
// contacts, invitations and reminders, users and the audit log. Who may do
// what:
//   administrator  everything
//   analyst        the workspace, monitoring and its API; no contact data
//   coordinator    the contacts and invitations of their own organisation
// Anyone else is sent to sign in (pages) or refused with 403 (forms, API).
#ifndef KARTLA_WEB_ADMIN_APP_H_
#define KARTLA_WEB_ADMIN_APP_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "accounts/account_service.h"
#include "core/clock.h"
#include "fieldwork/contact_service.h"
#include "fieldwork/invitation_service.h"
#include "fieldwork/mailing.h"
#include "fieldwork/retention.h"
#include "fieldwork/monitor.h"
#include "forms/form_service.h"
#include "pages/view.h"
#include "responses/response.h"
#include "registry/registry_service.h"
#include "rounds/round_service.h"
#include "rounds/round_store.h"
#include "web/router.h"

namespace kartla::publish {
struct ReleasePreview;
}  // namespace kartla::publish

namespace kartla::web {

struct WebOptions;

// A questionnaire's responses as a file for analysts (the microdata of
// `kartla microdata`): which, in what format ("csv", "xlsx", "sav",
// "dta"), with organisation codes or pseudonyms, labels in which language.
struct ResponsesExport {
  std::string round;
  std::string target_group;
  std::string format;
  bool identify = false;
  Lang lang = Lang::kFi;
};
struct ExportedFile {
  std::string name;
  std::string media_type;
  std::string bytes;
};

// The services the survey team's pages use; all must outlive the handler.
struct AdminServices {
  accounts::AccountService& accounts;
  fieldwork::ContactService& contacts;
  fieldwork::InvitationService& invitations;
  rounds::RoundStore& rounds;
  responses::ResponseStore& responses;
  RegistryService& registry;
  forms::FormService& forms;
  rounds::RoundService& round_setup;
  fieldwork::Retention& retention;
  // The mailing service, made on first use (it reads the link key).
  std::function<fieldwork::Mailing&()> mailing;
  // A round's fieldwork figures (round code, target group filter).
  std::function<Result<fieldwork::RoundMonitor>(const std::string&,
                                                const std::optional<std::string>&)>
      monitor;
  // A connection to the mail server, for a test mail sent at once; may be
  // empty (no test mails).
  std::function<std::unique_ptr<fieldwork::MailTransport>()> mail_transport;
  // Called after mail is queued, to send it without waiting; may be empty.
  std::function<void()> mail_queued;
  // The responses' file; kNotFound for an unknown round, target group or
  // format.
  std::function<Result<ExportedFile>(const ResponsesExport&)> export_responses;
  // Releases built from the workspace (app/publishing.h), with the round's
  // own results settings, into the folder served at /results.
  struct Releases {
    std::string folder;  // where releases are written (and served from)
    // A round's results settings as kept (a results.toml's text); nullopt:
    // the defaults.
    std::function<std::optional<std::string>(const std::string& round)> settings;
    // Keeps a round's settings (nullopt: back to the defaults) if they
    // read; kInvalidInput with their problems placed in `name` otherwise.
    std::function<Status(const std::string& round, const std::optional<std::string>& toml,
                         const std::string& name)>
        save_settings;
    // What the release of (round, stage, note) would be, ready to be
    // published as it is; kNotFound for an unknown round or stage.
    std::function<Result<publish::ReleasePreview>(const std::string& round, int stage,
                                                  const std::string& note)>
        preview;
  } releases;
  const Clock& clock;
};

// One respondent's answers as the survey team sees them, made by the
// questionnaire's pages (web_app.cc), which hold the questionnaires and
// their views.
struct ResponseDesk {
  struct Seen {
    pages::View answers;  // the own-answers page's sections (template partial "answers")
    bool submitted = false;
    std::string submitted_at;  // in the survey's time zone, as `lang` writes it
    std::string reference;
    bool reopenable = false;  // submitted, and the stage lets it be changed
  };
  // The response the invitation holds, in `lang`; nullopt if none.
  std::function<std::optional<Seen>(const fieldwork::Invitation&, Lang)> view;
  // Makes its submitted response a draft again for the respondent; false
  // if it holds none, it is not submitted, or the stage no longer allows it.
  std::function<bool(const fieldwork::Invitation&)> reopen;
  // A round's questionnaire as respondents read it, on one page to print,
  // in `lang` (the content of template "print" but the organisation and
  // the deadline); nullopt if the round has no such questionnaire.
  std::function<std::optional<pages::View>(int64_t round_id, int64_t questionnaire_id, Lang)>
      print;
};

// Adds the routes to `router`.
void AddAdminRoutes(Router& router, const AdminServices& services,
                    const WebOptions& options, ResponseDesk responses = {});

}  // namespace kartla::web

#endif  // KARTLA_WEB_ADMIN_APP_H_
