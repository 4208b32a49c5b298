#include "app/app.h"

#include "core/token.h"

namespace kartla {

Result<std::unique_ptr<App>> App::Open(Config config, const Clock& clock,
                                       bool create) {
  SqliteStorageOptions options;
  options.path = config.database;
  options.create = create;
  auto storage = OpenSqliteStorage(options, clock);
  if (!storage.ok()) return storage.status();
  return std::unique_ptr<App>(
      new App(std::move(config), clock, std::move(storage).value()));
}

App::App(Config config, const Clock& clock, std::unique_ptr<Storage> storage)
    : config_(std::move(config)),
      clock_(clock),
      storage_(std::move(storage)),
      registry_(storage_->registry(), clock_, config_.size_class_cuts),
      forms_(storage_->forms(), clock_),
      rounds_(storage_->rounds(), storage_->registry(), forms_, clock_),
      invitations_(storage_->invitations(), storage_->rounds(),
                   storage_->registry(), clock_),
      accounts_(storage_->accounts(), storage_->registry(), clock_),
      contacts_(storage_->contacts(), storage_->registry(), storage_->rounds(),
                clock_) {}

fieldwork::Mailing& App::mailing() {
  std::call_once(mailing_once_, [this] {
    fieldwork::MailingOptions options;
    options.sender = {config_.mail.from, config_.mail.from_name};
    options.public_url = config_.PublicUrl();
    options.key = LoadOrCreateKey(config_.KeyFile());
    options.per_minute = config_.mail.per_minute;
    mailing_ = std::make_unique<fieldwork::Mailing>(
        storage_->invitations(), storage_->contacts(), storage_->rounds(),
        storage_->registry(), clock_, std::move(options));
  });
  return *mailing_;
}

std::unique_ptr<fieldwork::MailTransport> App::MakeMailTransport() const {
  const Config::Mail& mail = config_.mail;
  return fieldwork::MakeSmtpTransport(
      {mail.host, mail.port, mail.security, mail.username, mail.password});
}

}  // namespace kartla
