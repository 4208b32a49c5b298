// The release builder's source (publish::ReleaseSource) from the
// application's services.
#ifndef KARTLA_APP_RELEASE_SOURCE_H_
#define KARTLA_APP_RELEASE_SOURCE_H_

#include "app/app.h"
#include "publish/release_builder.h"

namespace kartla {

class AppReleaseSource final : public publish::ReleaseSource {
 public:
  AppReleaseSource(App& app, publish::QuestionnairePrinter printer)
      : app_(app), printer_(std::move(printer)) {}

  Result<rounds::RoundView> Round(const std::string& code) override {
    return app_.rounds().Show(code);
  }
  std::vector<rounds::Round> RoundsOfSeries(int64_t series_id) override {
    return app_.rounds().RoundsOfSeries(series_id);
  }
  Result<stats::Dataset> Dataset(const std::string& round,
                                 const std::string& target_group) override {
    return app_.ResultsDataset(round, target_group);
  }
  Result<fieldwork::RoundMonitor> Fieldwork(const std::string& round,
                                            const std::string& target_group) override {
    return app_.Monitor(round, target_group);
  }
  Result<std::vector<forms::Section>> Sections(int64_t form_version_id) override {
    auto form = app_.forms().LoadById(form_version_id);
    if (!form.ok()) return form.status();
    return form->form.sections;
  }
  std::vector<pages::View> PrintedQuestionnaire(const rounds::Round& round,
                                                const rounds::Questionnaire& questionnaire) override {
    return printer_ ? printer_(round, questionnaire) : std::vector<pages::View>{};
  }

 private:
  App& app_;
  publish::QuestionnairePrinter printer_;
};

}  // namespace kartla

#endif  // KARTLA_APP_RELEASE_SOURCE_H_
