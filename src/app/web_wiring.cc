#include "app/web_wiring.h"

namespace kartla {

web::WebServices WebServicesOf(App& app) {
  return {app.invitations(), app.responses(), app.forms(),
          app.storage().rounds(), app.clock(),
          [&app](const fieldwork::Invitation& invitation) -> std::string {
            if (invitation.contact_id == 0) return "";
            auto contact = app.contacts().Find(invitation.contact_id);
            return contact ? contact->name + " <" + contact->email + ">" : "";
          },
          // (The web module holds the scope without knowing its type.)
          [&app] { return std::shared_ptr<void>(app.storage().ReadTogether()); },
          [&app](const std::string& code) -> LocalizedText {
            auto registry = app.registry().LatestShared();
            const Organisation* found = registry.ok() ? (*registry)->Find(code) : nullptr;
            return found ? found->name : LocalizedText{code, code, code};
          },
          [&app](const std::string& key) {
            return app.storage().CountAttempt(key, app.clock().Now());
          }};
}

web::AdminServices AdminServicesOf(App& app, std::function<void()> mail_queued) {
  return {app.accounts(),
          app.contacts(),
          app.invitations(),
          app.storage().rounds(),
          app.storage().responses(),
          app.registry(),
          app.forms(),
          app.rounds(),
          [&app]() -> fieldwork::Mailing& { return app.mailing(); },
          [&app](const std::string& round, const std::optional<std::string>& group) {
            return app.Monitor(round, group);
          },
          std::move(mail_queued),
          app.clock()};
}

}  // namespace kartla
