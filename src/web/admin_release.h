// The workspace's release page of a round (/admin/rounds/R/release): the
// versions published, the round's results settings (kept with the round,
// edited or uploaded as a results.toml), a version built as a preview (the
// site as the public will read it, with the disclosure audit's summary),
// and publishing what was previewed. Administrators and analysts.
#ifndef KARTLA_WEB_ADMIN_RELEASE_H_
#define KARTLA_WEB_ADMIN_RELEASE_H_

#include <memory>

#include "web/admin_app.h"
#include "web/staff_desk.h"

namespace kartla::web {

// Adds the routes to `router`; `services` must outlive it.
void AddReleaseRoutes(Router& router, const AdminServices& services,
                      std::shared_ptr<const StaffDesk> desk);

}  // namespace kartla::web

#endif  // KARTLA_WEB_ADMIN_RELEASE_H_
