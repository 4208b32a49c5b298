// The composition root: builds the long-lived objects (configuration,
// clock, storage, services) once and hands them out by reference.

#ifndef KARTLA_APP_APP_H_
#define KARTLA_APP_APP_H_

#include <memory>
#include <mutex>

#include "accounts/account_service.h"
#include "app/config.h"
#include "app/response_fieldwork.h"
#include "core/clock.h"
#include "core/status.h"
#include "fieldwork/contact_service.h"
#include "fieldwork/invitation_service.h"
#include "fieldwork/mailing.h"
#include "fieldwork/retention.h"
#include "fieldwork/monitor.h"
#include "fieldwork/sender_lock.h"
#include "forms/form_service.h"
#include "registry/registry_service.h"
#include "responses/response_service.h"
#include "rounds/round_service.h"
#include "stats/dataset.h"
#include "storage/storage.h"

namespace kartla {

// Not copyable. The services it hands out are as thread-safe as their
// headers say.
class App {
 public:
  // Opens the database named by `config` (creating it if `create`) and builds
  // the services. `clock` must outlive the App. Fails as OpenSqliteStorage.
  static Result<std::unique_ptr<App>> Open(Config config, const Clock& clock,
                                           bool create);

  const Config& config() const { return config_; }
  const Clock& clock() const { return clock_; }
  Storage& storage() { return *storage_; }
  RegistryService& registry() { return registry_; }
  forms::FormService& forms() { return forms_; }
  rounds::RoundService& rounds() { return rounds_; }
  fieldwork::InvitationService& invitations() { return invitations_; }
  accounts::AccountService& accounts() { return accounts_; }
  fieldwork::ContactService& contacts() { return contacts_; }
  // Answering questionnaires: starting, saving, submitting, handing over.
  responses::ResponseService& responses() { return responses_; }
  // Mail to contacts; reads (or makes) the link key file on first use.
  fieldwork::Mailing& mailing();
  // The end of personal data: a round's day of erasure, a person erased.
  fieldwork::Retention& retention() { return retention_; }
  // Erases the rounds whose day of erasure has come (Retention::RunDue),
  // each in the audit log (as "kartla") and the log; returns how many.
  int RunRetention();
  // The fieldwork figures of a round (`round` is its code), of one target
  // group's questionnaire if `target_group` is set. Fails with kNotFound
  // for an unknown round or target group.
  Result<fieldwork::RoundMonitor> Monitor(const std::string& round,
                                          const std::optional<std::string>& target_group);
  // The submitted answers to the round's questionnaire for `target_group`,
  // joined with the registry version the round pinned; its population is
  // the organisations invited to that questionnaire. Fails with kNotFound
  // for an unknown round or target group.
  Result<stats::Dataset> ResultsDataset(const std::string& round,
                                        const std::string& target_group);
  // A round's questionnaire for a target group, with its form and the
  // registry version the round pinned. Fails with kNotFound for an unknown
  // round or target group.
  struct QuestionnaireInput {
    rounds::Round round;
    rounds::Questionnaire questionnaire;
    forms::LoadedForm form;
    Registry registry;
  };
  Result<QuestionnaireInput> FindQuestionnaire(const std::string& round,
                                               const std::string& target_group);
  // A connection to the SMTP server of the configuration, opened when first
  // used.
  std::unique_ptr<fieldwork::MailTransport> MakeMailTransport() const;
  // Joins the processes that send the outbox, through a lock file beside
  // an SQLite database or an advisory lock of a PostgreSQL one (every
  // server of the database shares it); if no other is sending, the messages that a stopped one
  // was sending are sent again (Mailing::ReleaseClaims). Hold the result
  // while sending. Throws SystemError if the lock file cannot be opened.
  std::unique_ptr<fieldwork::SenderLock> JoinSenders();

 private:
  App(Config config, const Clock& clock, std::unique_ptr<Storage> storage);

  const Config config_;
  const Clock& clock_;
  const std::unique_ptr<Storage> storage_;
  RegistryService registry_;
  forms::FormService forms_;
  rounds::RoundService rounds_;
  fieldwork::InvitationService invitations_;
  accounts::AccountService accounts_;
  fieldwork::ContactService contacts_;
  fieldwork::Retention retention_;
  ResponseFieldwork response_fieldwork_;
  responses::ResponseService responses_;
  std::once_flag mailing_once_;
  std::unique_ptr<fieldwork::Mailing> mailing_;
};

}  // namespace kartla

#endif  // KARTLA_APP_APP_H_
