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
#include <optional>
#include <string>

#include "accounts/account_service.h"
#include "core/clock.h"
#include "fieldwork/contact_service.h"
#include "fieldwork/invitation_service.h"
#include "fieldwork/mailing.h"
#include "fieldwork/monitor.h"
#include "responses/response.h"
#include "forms/form_service.h"
#include "registry/registry_service.h"
#include "rounds/round_service.h"
#include "rounds/round_store.h"
#include "web/router.h"

namespace kartla::web {

struct WebOptions;

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
  // The mailing service, made on first use (it reads the link key).
  std::function<fieldwork::Mailing&()> mailing;
  // A round's fieldwork figures (round code, target group filter).
  std::function<Result<fieldwork::RoundMonitor>(const std::string&,
                                                const std::optional<std::string>&)>
      monitor;
  // Called after mail is queued, to send it without waiting; may be empty.
  std::function<void()> mail_queued;
  const Clock& clock;
};

// Adds the routes to `router`.
void AddAdminRoutes(Router& router, const AdminServices& services,
                    const WebOptions& options);

}  // namespace kartla::web

#endif  // KARTLA_WEB_ADMIN_APP_H_
