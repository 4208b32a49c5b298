// The workspace's setup pages: the registry (browse, search, add an
// organisation), forms (upload an XLSForm with its check shown inline, list
// versions) and rounds (create, address questionnaires, set stages).
// Administrators change; analysts look.
#ifndef KARTLA_WEB_ADMIN_SETUP_H_
#define KARTLA_WEB_ADMIN_SETUP_H_

#include <memory>

#include "web/admin_app.h"
#include "web/staff_desk.h"

namespace kartla::web {

// Adds the routes to `router`; `services` must outlive it.
void AddSetupRoutes(Router& router, const AdminServices& services,
                    std::shared_ptr<const StaffDesk> desk);

}  // namespace kartla::web

#endif  // KARTLA_WEB_ADMIN_SETUP_H_
