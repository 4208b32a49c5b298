#include "web/admin_mail.h"

#include <algorithm>

#include <fmt/format.h>

#include "fieldwork/mail.h"
#include "web/page_kit.h"

namespace kartla::web {
namespace {

using fieldwork::Contact;
using fieldwork::MailKind;
using fieldwork::MailText;
using fieldwork::MailTextProblem;

// Which message the page shows: its kind and language, and whose it is (a
// contact of a target group, of one organisation if chosen).
struct Choice {
  MailKind kind = MailKind::kInvitation;
  std::optional<Lang> lang;
  std::string group;
  std::string org;

  static Choice Of(const Params& params) {
    Choice choice;
    auto kind = fieldwork::ParseMailKind(FindParam(params, "kind").value_or(""));
    if (kind && std::find(std::begin(fieldwork::kWrittenMailKinds),
                          std::end(fieldwork::kWrittenMailKinds),
                          *kind) != std::end(fieldwork::kWrittenMailKinds)) {
      choice.kind = *kind;
    }
    choice.lang = ParseLang(FindParam(params, "message_lang").value_or(""));
    choice.group = CutUtf8(FindParam(params, "group").value_or(""), 64);
    choice.org = CutUtf8(std::string(Trim(FindParam(params, "org").value_or(""))), 20);
    return choice;
  }
  // The message chosen, for the audit log: "invitation, sv".
  std::string Detail() const {
    return fmt::format("{}, {}", fieldwork::MailKindCode(kind), LangCode(lang.value_or(Lang::kFi)));
  }
  // The page's address showing this choice ("mail"), or the message's
  // ("mail.eml").
  std::string Path(const std::string& round, Lang shown,
                   std::string_view page = "mail") const {
    return fmt::format("/admin/rounds/{}/{}?kind={}&group={}&org={}&message_lang={}", UrlEncode(round),
                       page,
                       fieldwork::MailKindCode(kind), UrlEncode(group), UrlEncode(org),
                       LangCode(shown));
  }
};

class MailPages {
 public:
  MailPages(const AdminServices& services, std::shared_ptr<const StaffDesk> desk)
      : services_(services), desk_(std::move(desk)) {}

  void AddRoutes(Router& router, const std::shared_ptr<MailPages>& self) {
    const StaffDesk& desk = *desk_;
    desk.Add(router, Method::kGet, "/admin/rounds/{round}/mail", kAdministrators, self,
             &MailPages::MailPage);
    desk.Add(router, Method::kGet, "/admin/rounds/{round}/mail.eml", kAdministrators, self,
             &MailPages::MessageFile);
    desk.Add(router, Method::kPost, "/admin/rounds/{round}/mail", kAdministrators, self,
             &MailPages::SaveText);
    desk.Add(router, Method::kPost, "/admin/rounds/{round}/mail/reset", kAdministrators, self,
             &MailPages::ResetText);
    desk.Add(router, Method::kPost, "/admin/rounds/{round}/mail/test", kAdministrators, self,
             &MailPages::SendTest);
  }

 private:
  std::string T(std::string_view key, Lang lang,
                const std::vector<std::string>& args = {}) const {
    return desk_->T(key, lang, args);
  }

  std::optional<rounds::Round> PathRound(const HttpRequest& request) const {
    return services_.rounds.FindRound(request.path_params.at("round"));
  }

  // A form posted on the mail page with its round and choice (which names
  // a language); nullopt with `failure` set otherwise (404, or the CSRF
  // refusal).
  struct Posting {
    rounds::Round round;
    Params form;
    Choice choice;
  };
  std::optional<Posting> PostedChoice(HttpRequest& request, const Staff& staff,
                                      HttpResponse& failure) const {
    auto round = PathRound(request);
    if (!round) {
      failure = desk_->kit().ErrorPage(404, staff.lang);
      return std::nullopt;
    }
    auto form = desk_->Posted(request, staff, failure);
    if (!form) return std::nullopt;
    Choice choice = Choice::Of(*form);
    if (!choice.lang) {
      failure = desk_->kit().ErrorPage(404, staff.lang);
      return std::nullopt;
    }
    return Posting{std::move(*round), std::move(*form), std::move(choice)};
  }

  // The contact whose message is shown: of the chosen target group (the
  // round's first if none is chosen) and organisation, else the group's
  // first by organisation code; sets choice.group to the group used.
  std::optional<Contact> Recipient(const rounds::Round& round, Choice& choice) const {
    std::vector<rounds::Questionnaire> questionnaires =
        services_.rounds.ListQuestionnaires(round.id);
    if (std::none_of(questionnaires.begin(), questionnaires.end(), [&](const auto& q) {
          return q.target_group.code == choice.group;
        })) {
      choice.group = questionnaires.empty() ? "" : questionnaires.front().target_group.code;
    }
    std::optional<Contact> first, chosen;
    for (Contact& contact : services_.contacts.List(std::nullopt)) {
      if (contact.role != choice.group) continue;
      if (!chosen && contact.organisation_code == choice.org) chosen = contact;
      if (!first || contact.organisation_code < first->organisation_code) first = contact;
    }
    return chosen ? chosen : first;
  }

  // The page: `entered` is a text typed and refused (kept in the form),
  // `error` why.
  HttpResponse Page(const HttpRequest& request, const Staff& staff, const rounds::Round& round,
                    Choice choice, const MailText* entered, const std::string& error,
                    int status) {
    const Lang lang = staff.lang;
    View content;
    content.Set("round", round.code);
    content.Set("csrf", staff.session.csrf_token);
    content.Set("heading", T("mail_title", lang, {round.title.Get(lang)}));
    content.Set("notice", desk_->Notice(request, lang));
    content.Set("error", error);
    std::optional<Contact> recipient = Recipient(round, choice);
    const Lang shown = choice.lang.value_or(recipient ? recipient->language : lang);
    for (MailKind kind : fieldwork::kWrittenMailKinds) {
      View option;
      option.Set("code", std::string(fieldwork::MailKindCode(kind)));
      option.Set("label", T("mail_kind_" + std::string(fieldwork::MailKindCode(kind)), lang));
      option.Set("selected", kind == choice.kind);
      content.Add("kinds", std::move(option));
    }
    for (const rounds::Questionnaire& q : services_.rounds.ListQuestionnaires(round.id)) {
      View option;
      option.Set("code", q.target_group.code);
      option.Set("label", q.target_group.label.Get(lang));
      option.Set("selected", q.target_group.code == choice.group);
      content.Add("groups", std::move(option));
    }
    StaffDesk::AddLanguageOptions(content, shown);
    content.Set("group", choice.group);
    content.Set("org", choice.org);
    content.Set("kind", std::string(fieldwork::MailKindCode(choice.kind)));
    content.Set("lang_code", std::string(LangCode(shown)));
    const std::string kind_label =
        T("mail_kind_" + std::string(fieldwork::MailKindCode(choice.kind)), lang);
    const std::string language = std::string(LanguageName(shown));

    // The message as the recipient gets it.
    content.Set("has_recipient", recipient.has_value());
    if (recipient) {
      if (!choice.org.empty() && recipient->organisation_code != choice.org) {
        content.Set("other_recipient",
                    T("mail_no_contact_of", lang, {choice.org, recipient->organisation_code}));
      }
      auto mail = services_.mailing().Preview(round.code, choice.kind, recipient->id, shown);
      if (mail.ok()) {
        content.Set("preview_heading",
                    T("mail_as_gets", lang, {recipient->name, recipient->organisation_code}));
        const fieldwork::MailSender& sender = services_.mailing().sender();
        content.Set("from", sender.name + " <" + sender.address + ">");
        content.Set("to", recipient->name + " <" + recipient->email + ">");
        content.Set("subject", mail->subject);
        content.Set("text", mail->text);
        content.Set("eml", choice.Path(round.code, shown, "mail.eml"));
      }
    }

    // The wording: the round's own, or the catalogue's.
    std::optional<MailText> own;
    for (MailText& text : services_.mailing().MailTexts(round.code)) {
      if (text.kind == choice.kind && text.lang == shown) own = std::move(text);
    }
    content.Set("edit_heading", T("mail_edit", lang, {kind_label, language}));
    content.Set("own", own.has_value());
    content.Set("wording",
                own ? T("mail_own_text", lang,
                        {own->updated_by, FormatTimestamp(own->updated_at).substr(0, 10)})
                    : T("mail_standard_text", lang));
    MailText form_text = entered ? *entered
                         : own   ? *own
                                 : fieldwork::DefaultMailText(choice.kind, shown);
    content.Set("subject_value", form_text.subject);
    content.Set("body_value", form_text.body);
    content.Set("placeholders", T("mail_placeholders", lang,
                                  {"{name}", "{organisation}", "{survey}", "{closes}"}));
    content.Set("max_subject", std::to_string(fieldwork::kMaxMailSubject));
    content.Set("max_body", std::to_string(fieldwork::kMaxMailBody));
    return desk_->Page(staff, T("mail_title", lang, {round.title.Get(lang)}), "admin_mail",
                       std::move(content), "", status);
  }

  HttpResponse MailPage(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return desk_->kit().ErrorPage(404, staff.lang);
    return Page(request, staff, *round, Choice::Of(request.query), nullptr, "", 200);
  }

  // The previewed message whole, as a mail program opens it.
  HttpResponse MessageFile(HttpRequest& request, const Staff& staff) {
    auto round = PathRound(request);
    if (!round) return desk_->kit().ErrorPage(404, staff.lang);
    Choice choice = Choice::Of(request.query);
    std::optional<Contact> recipient = Recipient(*round, choice);
    if (!recipient) return desk_->kit().ErrorPage(404, staff.lang);
    auto mail = services_.mailing().Preview(round->code, choice.kind, recipient->id,
                                            choice.lang.value_or(recipient->language));
    if (!mail.ok()) return desk_->kit().ErrorPage(404, staff.lang);
    return HttpResponse::Download(
        fmt::format("{}-{}-{}.eml", round->code, fieldwork::MailKindCode(choice.kind),
                    LangCode(choice.lang.value_or(recipient->language))),
        "message/rfc822", mail->message);
  }

  // Why a text was refused, in the page's language.
  std::string Refusal(const MailTextProblem& problem, Lang lang) const {
    const std::string field = T(problem.in_subject ? "mail_subject" : "mail_body", lang);
    switch (problem.kind) {
      case MailTextProblem::kNone: return "";
      case MailTextProblem::kSubjectEmpty:
      case MailTextProblem::kBodyEmpty: return T("mail_text_empty", lang, {field});
      case MailTextProblem::kSubjectTooLong:
        return T("mail_text_long", lang, {field, std::to_string(fieldwork::kMaxMailSubject)});
      case MailTextProblem::kBodyTooLong:
        return T("mail_text_long", lang, {field, std::to_string(fieldwork::kMaxMailBody)});
      case MailTextProblem::kSubjectLines: return T("mail_subject_lines", lang, {field});
      case MailTextProblem::kPlaceholder:
        return T("mail_text_placeholder", lang,
                 {field, problem.piece, "{name}, {organisation}, {survey}, {closes}"});
      case MailTextProblem::kKind: return T("mail_text_kind", lang);
    }
    return "";
  }

  HttpResponse SaveText(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto posted = PostedChoice(request, staff, failure);
    if (!posted) return failure;
    const Choice& choice = posted->choice;
    MailText text;
    text.kind = choice.kind;
    text.lang = *choice.lang;
    // A text area sends CRLF line ends; the mail's parts make their own.
    text.subject = std::string(Trim(FindParam(posted->form, "subject").value_or("")));
    text.body = FindParam(posted->form, "body").value_or("");
    std::erase(text.body, '\r');
    text.updated_by = staff.user.name;
    auto saved = services_.mailing().SaveMailText(posted->round.code, text);
    if (!saved.ok()) return desk_->kit().ErrorPage(404, staff.lang);
    if (saved->kind != MailTextProblem::kNone) {
      return Page(request, staff, posted->round, choice, &text, Refusal(*saved, staff.lang), 422);
    }
    desk_->Audit(staff, "mail.text", "round " + posted->round.code, choice.Detail());
    return HttpResponse::Redirect(choice.Path(posted->round.code, *choice.lang) +
                                  "&notice=mail_text_saved");
  }

  HttpResponse ResetText(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto posted = PostedChoice(request, staff, failure);
    if (!posted) return failure;
    const Choice& choice = posted->choice;
    if (!services_.mailing().RemoveMailText(posted->round.code, choice.kind, *choice.lang).ok()) {
      return desk_->kit().ErrorPage(404, staff.lang);
    }
    desk_->Audit(staff, "mail.text_reset", "round " + posted->round.code, choice.Detail());
    return HttpResponse::Redirect(choice.Path(posted->round.code, *choice.lang) +
                                  "&notice=mail_text_reset");
  }

  // Sends the message shown to an address typed, at once, and says what
  // the mail server answered.
  HttpResponse SendTest(HttpRequest& request, const Staff& staff) {
    HttpResponse failure;
    auto posted = PostedChoice(request, staff, failure);
    if (!posted) return failure;
    Choice& choice = posted->choice;
    const rounds::Round& round = posted->round;
    std::optional<Contact> recipient = Recipient(round, choice);
    if (!recipient || !services_.mail_transport) return desk_->kit().ErrorPage(404, staff.lang);
    const std::string address =
        CutUtf8(std::string(Trim(FindParam(posted->form, "address").value_or(""))), 254);
    if (!fieldwork::PlausibleEmail(address)) {
      return Page(request, staff, round, choice, nullptr,
                  T("mail_test_address", staff.lang, {address}), 422);
    }
    auto transport = services_.mail_transport();
    Status sent = services_.mailing().SendTest(round.code, choice.kind, recipient->id,
                                               *choice.lang, address, *transport);
    desk_->Audit(staff, "mail.test", "round " + round.code,
                 fmt::format("{} to {}{}", choice.Detail(), address,
                             sent.ok() ? "" : ": " + sent.message()));
    if (!sent.ok()) {
      return Page(request, staff, round, choice, nullptr,
                  T("mail_test_failed", staff.lang, {sent.message()}), 502);
    }
    return HttpResponse::Redirect(choice.Path(round.code, *choice.lang) +
                                  "&notice=mail_test_sent");
  }

  const AdminServices& services_;
  std::shared_ptr<const StaffDesk> desk_;
};

}  // namespace

void AddMailRoutes(Router& router, const AdminServices& services,
                   std::shared_ptr<const StaffDesk> desk) {
  auto pages = std::make_shared<MailPages>(services, std::move(desk));
  pages->AddRoutes(router, pages);
}

}  // namespace kartla::web
