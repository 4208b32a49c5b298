// The web handler's services taken from the App: for `kartla serve` and the
// tests that serve the pages in-process.
#ifndef KARTLA_APP_WEB_WIRING_H_
#define KARTLA_APP_WEB_WIRING_H_

#include <functional>

#include "app/app.h"
#include "publish/release_builder.h"
#include "web/admin_app.h"
#include "web/web_app.h"

namespace kartla {

// The services of the respondent's pages. The App must outlive them.
web::WebServices WebServicesOf(App& app);

// The services of the survey team's pages; `mail_queued` (may be empty) is
// called when they queue mail. The App must outlive them.
web::AdminServices AdminServicesOf(App& app, std::function<void()> mail_queued);

// A round's questionnaires as their respondents read them, on one page to
// print, for a release's site (PublishRequest::printer). The App must
// outlive it.
publish::QuestionnairePrinter QuestionnairePrinterOf(App& app);

}  // namespace kartla

#endif  // KARTLA_APP_WEB_WIRING_H_
