// MailTransport over SMTP with VMime.
#include <vmime/security/cert/defaultCertificateVerifier.hpp>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"
#include "fieldwork/mail.h"
#include "fieldwork/vmime_setup.h"

namespace kartla::fieldwork {
namespace {

// A socket that holds what is written until the client next reads. SMTP is
// a dialogue, so nothing waits longer than it would have; but the message's
// end-of-data mark then leaves with its last bytes rather than as a small
// write of its own, which Nagle's algorithm holds back until the server's
// delayed acknowledgement (some 40 ms a message, the most of a send).
class CoalescingSocket final : public vmime::net::socket {
 public:
  explicit CoalescingSocket(vmime::shared_ptr<vmime::net::socket> inner)
      : inner_(std::move(inner)) {}

  void connect(const vmime::string& address, const vmime::port_t port) override {
    inner_->connect(address, port);
  }
  void disconnect() override {
    try {
      Flush();
    } catch (const vmime::exception&) {
      // The connection is broken; what was held cannot go anyway.
    }
    inner_->disconnect();
  }
  bool isConnected() const override { return inner_->isConnected(); }
  bool waitForRead(const int msecs) override {
    Flush();
    return inner_->waitForRead(msecs);
  }
  bool waitForWrite(const int msecs) override { return inner_->waitForWrite(msecs); }
  void receive(vmime::string& buffer) override {
    Flush();
    inner_->receive(buffer);
  }
  size_t receiveRaw(vmime::byte_t* buffer, const size_t count) override {
    Flush();
    return inner_->receiveRaw(buffer, count);
  }
  void send(const vmime::string& buffer) override { Hold(buffer.data(), buffer.size()); }
  void send(const char* str) override { Hold(str, std::strlen(str)); }
  void sendRaw(const vmime::byte_t* buffer, const size_t count) override {
    Hold(reinterpret_cast<const char*>(buffer), count);
  }
  size_t sendRawNonBlocking(const vmime::byte_t* buffer, const size_t count) override {
    Flush();
    return inner_->sendRawNonBlocking(buffer, count);
  }
  size_t getBlockSize() const override { return inner_->getBlockSize(); }
  unsigned int getStatus() const override { return inner_->getStatus(); }
  const vmime::string getPeerName() const override { return inner_->getPeerName(); }
  const vmime::string getPeerAddress() const override { return inner_->getPeerAddress(); }
  vmime::shared_ptr<vmime::net::timeoutHandler> getTimeoutHandler() override {
    return inner_->getTimeoutHandler();
  }
  void setTracer(vmime::shared_ptr<vmime::net::tracer> tracer) override {
    inner_->setTracer(tracer);
  }
  vmime::shared_ptr<vmime::net::tracer> getTracer() override { return inner_->getTracer(); }

 private:
  // Beyond this much held, it goes at once (a large message is sent in
  // full-sized writes, which Nagle's algorithm does not hold back).
  static constexpr size_t kHoldAtMost = 64 * 1024;

  void Hold(const char* data, size_t size) {
    held_.append(data, size);
    if (held_.size() >= kHoldAtMost) Flush();
  }
  void Flush() {
    if (held_.empty()) return;
    std::string out;
    out.swap(held_);
    inner_->sendRaw(reinterpret_cast<const vmime::byte_t*>(out.data()), out.size());
  }

  vmime::shared_ptr<vmime::net::socket> inner_;
  std::string held_;
};

class CoalescingSocketFactory final : public vmime::net::socketFactory {
 public:
  CoalescingSocketFactory()
      : inner_(vmime::platform::getHandler()->getSocketFactory()) {}
  vmime::shared_ptr<vmime::net::socket> create() override {
    return vmime::make_shared<CoalescingSocket>(inner_->create());
  }
  vmime::shared_ptr<vmime::net::socket> create(
      vmime::shared_ptr<vmime::net::timeoutHandler> handler) override {
    return vmime::make_shared<CoalescingSocket>(inner_->create(handler));
  }

 private:
  vmime::shared_ptr<vmime::net::socketFactory> inner_;
};

// Gives up on a mail server that has sent nothing for kSilence (VMime
// otherwise waits for ever), so that neither the outbox nor a test mail
// from the workspace hangs on a server that stopped answering.
class SilenceTimeout final : public vmime::net::timeoutHandler {
 public:
  static constexpr std::chrono::seconds kSilence{60};
  bool isTimeOut() override { return std::chrono::steady_clock::now() - since_ > kSilence; }
  void resetTimeOut() override { since_ = std::chrono::steady_clock::now(); }
  bool handleTimeOut() override { return false; }  // give up

 private:
  std::chrono::steady_clock::time_point since_ = std::chrono::steady_clock::now();
};

class SilenceTimeoutFactory final : public vmime::net::timeoutHandlerFactory {
 public:
  vmime::shared_ptr<vmime::net::timeoutHandler> create() override {
    return vmime::make_shared<SilenceTimeout>();
  }
};

// Keeps the mail server's last reply line: once a message is sent, the
// server's answer to its end ("250 2.0.0 Ok: queued as …").
class LastReply final : public vmime::net::tracer {
 public:
  void traceSend(const vmime::string&) override {}
  // At most kLongest bytes of it (whole characters), whatever the server
  // sends: it is stored and shown on the outbox page.
  void traceReceive(const vmime::string& line) override { line_ = CutUtf8(line, kLongest); }
  static constexpr size_t kLongest = 512;
  const std::string& line() const { return line_; }

 private:
  std::string line_;
};

// The tracer of the connection opened last (a transport opens one at a
// time).
class LastReplyFactory final : public vmime::net::tracerFactory {
 public:
  vmime::shared_ptr<vmime::net::tracer> create(vmime::shared_ptr<vmime::net::service>,
                                               const int) override {
    latest_ = vmime::make_shared<LastReply>();
    return latest_;
  }
  std::string line() const { return latest_ ? latest_->line() : ""; }

 private:
  vmime::shared_ptr<LastReply> latest_;
};

// Trusts the system's certificate authorities.
vmime::shared_ptr<vmime::security::cert::certificateVerifier> SystemVerifier() {
  auto verifier =
      vmime::make_shared<vmime::security::cert::defaultCertificateVerifier>();
  std::vector<vmime::shared_ptr<vmime::security::cert::X509Certificate>> roots;
  std::ifstream bundle("/etc/ssl/certs/ca-certificates.crt", std::ios::binary);
  std::stringstream pem;
  pem << bundle.rdbuf();
  std::string text = pem.str();
  const std::string end = "-----END CERTIFICATE-----";
  size_t start = 0;
  while (true) {
    size_t begin = text.find("-----BEGIN CERTIFICATE-----", start);
    if (begin == std::string::npos) break;
    size_t stop = text.find(end, begin);
    if (stop == std::string::npos) break;
    std::string one = text.substr(begin, stop + end.size() - begin);
    auto certificate = vmime::security::cert::X509Certificate::import(
        reinterpret_cast<const vmime::byte_t*>(one.data()), one.size());
    if (certificate) roots.push_back(certificate);
    start = stop + end.size();
  }
  verifier->setX509RootCAs(roots);
  return verifier;
}

class SmtpTransport final : public MailTransport {
 public:
  explicit SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {
    EnsureVmime();
  }

  ~SmtpTransport() override {
    try {
      if (transport_ && transport_->isConnected()) transport_->disconnect();
    } catch (const vmime::exception&) {
      // Closing a broken connection; nothing to do.
    }
  }

  std::string Send(const MailSender& sender, const std::string& recipient,
                   const std::string& message) override {
    try {
      Connect();
    } catch (const vmime::exception& e) {
      Drop();
      throw MailError(std::string("cannot reach the mail server: ") + e.what(), false, true);
    }
    try {
      vmime::mailboxList recipients;
      recipients.appendMailbox(
          vmime::make_shared<vmime::mailbox>(vmime::emailAddress(recipient)));
      vmime::utility::inputStreamStringAdapter stream(message);
      transport_->send(vmime::mailbox(vmime::emailAddress(sender.address)),
                       recipients, stream, message.size());
      return replies_->line();
    } catch (const vmime::exceptions::command_error& e) {
      // The server replied with a refusal: permanent if 5xx.
      std::string reply = e.response();
      bool permanent = !reply.empty() && reply[0] == '5';
      Drop();
      throw MailError(std::string(e.what()) + ": " + reply, permanent);
    } catch (const vmime::exception& e) {
      Drop();
      throw MailError(e.what(), false);
    }
  }

 private:
  void Connect() {
    if (transport_ && transport_->isConnected()) return;
    auto session = vmime::net::session::create();
    bool smtps = settings_.security == "tls";
    vmime::utility::url url(smtps ? "smtps" : "smtp", settings_.host, settings_.port);
    transport_ = session->getTransport(url);
    transport_->setSocketFactory(vmime::make_shared<CoalescingSocketFactory>());
    transport_->setTimeoutHandlerFactory(vmime::make_shared<SilenceTimeoutFactory>());
    replies_ = vmime::make_shared<LastReplyFactory>();
    transport_->setTracerFactory(replies_);
    bool starttls = settings_.security == "starttls";
    transport_->setProperty("connection.tls", starttls);
    transport_->setProperty("connection.tls.required", starttls);
    if (!settings_.username.empty()) {
      transport_->setProperty("options.need-authentication", true);
      transport_->setProperty("auth.username", settings_.username);
      transport_->setProperty("auth.password", settings_.password);
    }
    if (smtps || starttls) transport_->setCertificateVerifier(SystemVerifier());
    transport_->connect();
  }

  void Drop() {
    try {
      if (transport_) transport_->disconnect();
    } catch (const vmime::exception&) {
      // The connection is broken already.
    }
    transport_.reset();
  }

  const SmtpSettings settings_;
  vmime::shared_ptr<vmime::net::transport> transport_;
  vmime::shared_ptr<LastReplyFactory> replies_;  // the connection's tracer
};

}  // namespace

std::unique_ptr<MailTransport> MakeSmtpTransport(const SmtpSettings& settings) {
  return std::make_unique<SmtpTransport>(settings);
}

}  // namespace kartla::fieldwork
