// Setting up the shipped example round (data/forms/digimapping-2025) in a
// database: the demo's survey round.
#ifndef KARTLA_APP_EXAMPLE_ROUND_H_
#define KARTLA_APP_EXAMPLE_ROUND_H_

#include "app/app.h"
#include "core/status.h"

namespace kartla {

// Imports the four example forms, creates the round digimapping-2025 of the
// series digimapping on the latest registry version, addresses each form
// to its target group and sets the round's three stages. REQUIRES: a
// registry version exists. Fails as the services it calls; a round of that
// code existing already gives kAlreadyExists.
// If `open_on` is given, the stages keep their lengths and gaps but move so
// that the first opens a week before that date (the demo's round is open
// now); else they keep the dates of data/forms/digimapping-2025/stages.csv.
// The round takes late answers (a setting of the round), so that its links
// can be answered whatever the day.
Result<rounds::RoundView> CreateExampleRound(App& app,
                                             std::optional<Date> open_on = std::nullopt);

}  // namespace kartla

#endif  // KARTLA_APP_EXAMPLE_ROUND_H_
