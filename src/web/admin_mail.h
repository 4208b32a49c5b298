// The workspace's mail page of a round (/admin/rounds/R/mail): each kind
// of message previewed in each language as a chosen contact will get it
// (also as a whole message, .eml), the round's own wording of its subject
// and opening text (placeholders checked), and a test mail sent at once to
// an address given. Administrators only.
#ifndef KARTLA_WEB_ADMIN_MAIL_H_
#define KARTLA_WEB_ADMIN_MAIL_H_

#include <memory>

#include "web/admin_app.h"
#include "web/staff_desk.h"

namespace kartla::web {

// Adds the routes to `router`; `services` must outlive it.
void AddMailRoutes(Router& router, const AdminServices& services,
                   std::shared_ptr<const StaffDesk> desk);

}  // namespace kartla::web

#endif  // KARTLA_WEB_ADMIN_MAIL_H_
