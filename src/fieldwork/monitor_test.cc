#include "fieldwork/monitor.h"

#include <gtest/gtest.h>

namespace kartla::fieldwork {
namespace {

Organisation Municipality(std::string code, std::string region, int64_t population,
                          bool mainland = true) {
  Organisation org;
  org.code = code;
  org.name = {code, code, code};
  org.attributes["region_code"] = region;
  org.attributes["population"] = population;
  if (!mainland) org.attributes["mainland"] = std::string("no");
  return org;
}

TimePoint Day(int day) {
  return TimePoint(std::chrono::days(Date(2025, 3, day).DaysSinceEpoch()) +
                   std::chrono::hours(12));
}

class MonitorTest : public ::testing::Test {
 protected:
  MonitorTest()
      : registry_(RegistryVersionInfo{},
                  RegistryContent{Date(2025, 1, 1),
                                  "",
                                  {Municipality("A", "01", 600), Municipality("B", "01", 300),
                                   Municipality("C", "02", 100),
                                   Municipality("X", "21", 50, false)},
                                  {MakeAttributeDimension(
                                      "region", {"Maakunta", "Landskap", "Region"},
                                      "region_code", {},
                                      {{"01", {"U", "N", "U"}, std::nullopt},
                                       {"02", {"V", "E", "S"}, std::nullopt},
                                       {"21", {"A", "Å", "Å"}, std::nullopt}})}}) {
    input_.round.code = "r";
    input_.questionnaires = {{1, 1, {"ceo", {"Johto", "Ledning", "Executives"}}, 1},
                             {2, 1, {"ict", {"Tieto", "IT", "ICT"}}, 2}};
    input_.registry = &registry_;
  }

  void Invite(int64_t id, int64_t questionnaire, std::string org,
              InvitationStatus status = InvitationStatus::kSent) {
    Invitation invitation;
    invitation.id = id;
    invitation.questionnaire_id = questionnaire;
    invitation.organisation_code = org;
    invitation.status = status;
    invitation.contact_id = 100 + id;
    input_.invitations.push_back(invitation);
  }

  Registry registry_;
  MonitorInput input_;
};

TEST_F(MonitorTest, CountsStatusesGroupsCoverageAndTheUnanswered) {
  Invite(1, 1, "A");
  Invite(2, 2, "A", InvitationStatus::kOpened);
  Invite(3, 1, "B", InvitationStatus::kBounced);
  Invite(4, 2, "B", InvitationStatus::kOpened);
  Invite(5, 1, "C", InvitationStatus::kDeclined);
  Invite(6, 2, "X");
  Invite(7, 2, "C", InvitationStatus::kRevoked);
  input_.progress = {{2, true, true, Day(3)}, {4, true, false, std::nullopt},
                     {6, true, true, Day(5)}};
  input_.outbox = {{1, 1, MailKind::kInvitation, "sent", 1, {}, "", {}, Day(1)},
                   {2, 2, MailKind::kInvitation, "sent", 1, {}, "", {}, Day(1)},
                   {3, 3, MailKind::kInvitation, "failed", 8, {}, "", {}, std::nullopt},
                   {4, 1, MailKind::kReminder, "sent", 1, {}, "", {}, Day(4)}};

  RoundMonitor monitor = ComputeMonitor(input_, std::nullopt);
  EXPECT_EQ(monitor.total.invited, 6) << "the revoked one is not counted";
  EXPECT_EQ(monitor.total.opened, 3);
  EXPECT_EQ(monitor.total.partial, 1);
  EXPECT_EQ(monitor.total.submitted, 2);
  EXPECT_EQ(monitor.total.declined, 1);
  EXPECT_EQ(monitor.total.bounced, 1);
  ASSERT_EQ(monitor.groups.size(), 2u);
  EXPECT_EQ(monitor.groups[1].counts.submitted, 2);
  EXPECT_EQ(monitor.groups[0].counts.submitted, 0);

  const Coverage& c = monitor.coverage;
  EXPECT_EQ(c.answered, 2);  // A and X
  EXPECT_EQ(c.invited, 4);
  EXPECT_EQ(c.mainland_answered, 1) << "X is outside the mainland";
  EXPECT_EQ(c.mainland_municipalities, 3);
  EXPECT_EQ(c.outside_mainland, 1);
  EXPECT_DOUBLE_EQ(c.population_answered, 600);
  EXPECT_DOUBLE_EQ(c.population_total, 1000);
  EXPECT_EQ(CoverageSentence(c, Lang::kEn),
            "answered by 2 of 4 organisations (50 %), 33 % of all mainland "
            "municipalities, covering 60 % of the population");
  EXPECT_EQ(CoverageSentence(c, Lang::kFi),
            "vastannut 2 / 4 organisaatiota (50 %), 33 % kaikista manner-Suomen "
            "kunnista, kattaa 60 % väestöstä");

  ASSERT_EQ(monitor.dimensions.size(), 1u);
  const auto& regions = monitor.dimensions[0].categories;
  auto region = [&](const std::string& code) {
    for (const CategoryRate& rate : regions) {
      if (rate.code == code) return rate;
    }
    return CategoryRate{};
  };
  EXPECT_EQ(region("01").invited, 2);
  EXPECT_EQ(region("01").answered, 1);
  EXPECT_EQ(region("02").answered, 0);

  ASSERT_EQ(monitor.unanswered.size(), 2u);
  EXPECT_EQ(monitor.unanswered[0].code, "B");
  ASSERT_EQ(monitor.unanswered[0].groups.size(), 2u);
  EXPECT_EQ(monitor.unanswered[0].groups[1].second, InvitationStatus::kPartial);
  EXPECT_EQ(monitor.unanswered[1].code, "C");
  EXPECT_EQ(monitor.unanswered[1].groups.size(), 1u) << "the revoked one is left out";

  ASSERT_EQ(monitor.days.size(), 3u) << "every day from the first to the last";
  EXPECT_EQ(monitor.days[1].submitted, 0);
  EXPECT_EQ(monitor.days[2].cumulative, 2);
  ASSERT_EQ(monitor.mail.size(), 2u);
  EXPECT_EQ(monitor.mail[0].sent, 2);
  EXPECT_EQ(monitor.mail[1].kind, MailKind::kReminder);

  std::string csv = UnansweredCsv(monitor, {"region"}, Lang::kEn);
  EXPECT_NE(csv.find("\"B\",\"B\",\"01\",\"bounced\",\"partial\""), std::string::npos) << csv;
  // With the contacts: who to call in each target group.
  std::map<int64_t, Contact> contacts;
  for (const auto& [group, id] : monitor.unanswered[0].contact_ids) {
    Contact contact;
    contact.id = id;
    contact.organisation_code = "B";
    contact.name = "Person " + group;
    contact.email = group + "@b.example";
    contact.role = group;
    contacts[id] = contact;
  }
  std::string with = UnansweredCsv(monitor, {"region"}, Lang::kEn, &contacts);
  EXPECT_NE(with.find("_name\",\""), std::string::npos) << with;
  for (const auto& [group, id] : monitor.unanswered[0].contact_ids) {
    EXPECT_NE(with.find("\"Person " + group + "\",\"" + group + "@b.example\""), std::string::npos)
        << with;
  }
}

TEST_F(MonitorTest, OneTargetGroupOnlyAndACountryWithoutOffshoreMunicipalities) {
  Invite(1, 1, "A");
  Invite(2, 2, "A");
  input_.progress = {{1, true, true, Day(2)}};
  RoundMonitor monitor = ComputeMonitor(input_, std::string("ict"));
  EXPECT_EQ(monitor.total.invited, 1);
  EXPECT_EQ(monitor.coverage.answered, 0);
  ASSERT_EQ(monitor.unanswered.size(), 1u);

  Coverage whole{1, 2, 1, 4, 0, 0, 0};
  EXPECT_EQ(CoverageSentence(whole, Lang::kSv),
            "besvarad av 1 av 2 organisationer (50 %), 25 % av alla kommuner");
}

TEST(MonitorStatusTest, AReopenedResponseIsPartialAgain) {
  Invitation invitation;
  invitation.status = InvitationStatus::kSubmitted;
  Progress reopened{1, true, false, std::nullopt};
  EXPECT_EQ(EffectiveStatus(invitation, &reopened), InvitationStatus::kPartial);
  invitation.revoked = true;
  EXPECT_EQ(EffectiveStatus(invitation, &reopened), InvitationStatus::kRevoked);
}

// AAPOR's dispositions of a questionnaire's invitations: 20 invited, 9
// opened (of them 5 submitted and 2 saved, so 2 broke off), 3 declined
// without opening, so 8 never heard: RR1 5/20, COOP1 5/(5 + 2 + 5).
TEST(MonitorStatusTest, InvitationsAsAaporDispositions) {
  StatusCounts counts;
  counts.invited = 20;
  counts.opened = 9;
  counts.partial = 2;
  counts.submitted = 5;
  counts.declined = 3;
  stats::Dispositions cases = DispositionsOf(counts);
  EXPECT_EQ(cases.complete, 5);
  EXPECT_EQ(cases.partial, 2);
  EXPECT_EQ(cases.refusal, 3 + 2);
  EXPECT_EQ(cases.non_contact, 20 - 9 - 3);
  stats::AaporRates rates = stats::Aapor(cases);
  EXPECT_DOUBLE_EQ(rates.rr1, 5.0 / 20);
  EXPECT_DOUBLE_EQ(rates.coop1, 5.0 / 12);
  // More opened than invited minus declined never gives negative counts.
  StatusCounts more;
  more.invited = 2;
  more.opened = 2;
  more.submitted = 3;
  stats::Dispositions odd = DispositionsOf(more);
  EXPECT_EQ(odd.refusal, 0);
  EXPECT_EQ(odd.non_contact, 0);
}

}  // namespace
}  // namespace kartla::fieldwork
