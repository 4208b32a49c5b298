// Staff's email addresses and passwords set by a mailed link: an
// administrator gives a user's address on the users page and mails them a
// link (the administrator never types nor sees another person's password);
// the link's page, /admin/password/TOKEN, works once for a day without
// signing in.
#ifndef KARTLA_WEB_ADMIN_PASSWORD_H_
#define KARTLA_WEB_ADMIN_PASSWORD_H_

#include <memory>

#include "web/admin_app.h"
#include "web/staff_desk.h"

namespace kartla::web {

// Adds the routes to `router`; `services` must outlive it.
void AddPasswordRoutes(Router& router, const AdminServices& services,
                       std::shared_ptr<const StaffDesk> desk);

}  // namespace kartla::web

#endif  // KARTLA_WEB_ADMIN_PASSWORD_H_
