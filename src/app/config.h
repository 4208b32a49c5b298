// Kartla's configuration: a kartla.toml file and KARTLA_* environment
// variables, the latter overriding the former. docs/configuration.md lists
// every key.

#ifndef KARTLA_APP_CONFIG_H_
#define KARTLA_APP_CONFIG_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/local_time.h"
#include "core/status.h"
#include "core/text.h"
#include "forms/workbook.h"

namespace kartla {

struct Config {
  // The database: an SQLite file, or a PostgreSQL database named by a URL
  // (postgresql://user@host/dbname; docs/deployment.md). Default:
  // "kartla.db". Key `database`, variable KARTLA_DATABASE.
  std::string database = "kartla.db";
  // The folder of the releases `kartla publish` writes and `kartla serve`
  // serves at /results. Default: "results". Key `results`, variable
  // KARTLA_RESULTS.
  std::string results = "results";
  // The language of command output and labels. Default: English. Key
  // `language`, variable KARTLA_LANGUAGE.
  Lang language = Lang::kEn;
  // Lower bounds of the population size classes but the first. Default:
  // 2,000 / 5,000 / 10,000 / 20,000 / 50,000 / 100,000. Key
  // `registry.size_class_cuts`, variable KARTLA_SIZE_CLASS_CUTS ("2000,5000").
  std::vector<int64_t> size_class_cuts = {2000,  5000,  10000,
                                          20000, 50000, 100000};
  // The web server. Keys in the [server] table; variables KARTLA_ADDRESS
  // and KARTLA_PORT.
  struct Server {
    std::string address = "127.0.0.1";  // Default: loopback only
    int port = 8080;                     // Default: 8080
    // The address respondents' links start with. Default: empty, meaning
    // http://ADDRESS:PORT.
    std::string public_url;
    // Mark cookies Secure; implied when public_url is https. Default: false.
    bool secure_cookies = false;
    // The reverse proxies (their IP addresses) whose X-Forwarded-For is
    // believed: a request from one of them is taken to come from the
    // address it names. Default: none, so the peer's address counts.
    std::vector<std::string> trusted_proxies;
    bool allow_reopen = true;     // Default: true
  } server;
  // Sending mail over SMTP. Keys in the [mail] table; variables
  // KARTLA_SMTP_HOST and KARTLA_SMTP_PORT.
  struct Mail {
    std::string host = "localhost";  // Default: localhost
    int port = 25;                   // Default: 25
    // "none", "starttls" (upgrade, required) or "tls" (SMTPS). Default:
    // "starttls".
    std::string security = "starttls";
    std::string username;  // Default: empty, meaning no authentication
    std::string password;
    std::string from = "kartla@localhost";  // the sender's address
    std::string from_name = "Kartla";
    int per_minute = 600;  // the most messages sent a minute. Default: 600
    // Whether `kartla serve` sends the outbox as messages are queued.
    // Default: true.
    bool send = true;
  } mail;
  // Uploaded and imported forms. Keys in the [uploads] table.
  struct Uploads {
    // The most one member of an .xlsx (a zip archive) may unpack to, in
    // MiB. Default: 32.
    int xlsx_member_mib = 32;
    // The most all members of an .xlsx may unpack to, in MiB. Default: 64.
    int xlsx_total_mib = 64;
    // The most a member past 1 MiB may unpack to per packed byte. Default:
    // 100.
    int xlsx_ratio = 100;
  } uploads;
  // The limits of reading an .xlsx form, from `uploads`.
  forms::WorkbookLimits WorkbookLimits() const;
  // The file holding the secret key that mailed links are derived with.
  // Default: empty, meaning the database file's name with ".key" added.
  // Key `key_file`.
  std::string key_file;
  // The survey's time zone, in which respondents read times (an IANA name).
  // Default: Europe/Helsinki. Key `time_zone`.
  std::string time_zone = kDefaultTimeZone;
  std::string KeyFile() const;
  // The link base: public_url, else http://address:port.
  std::string PublicUrl() const;
  // Whether the public address is https: cookies are then Secure, and the
  // pages say so with Strict-Transport-Security.
  bool Https() const;
  // The file the configuration was read from; empty if none.
  std::string file;
};

// Reads an environment variable: returns nullptr if it is not set.
using EnvironmentReader = std::function<const char*(const char*)>;

// Builds the configuration: defaults, then the TOML file `file` (which must
// exist) or, if `file` is nullopt, ./kartla.toml if there is one, then
// KARTLA_CONFIG names the file when `file` is nullopt, then KARTLA_*
// variables. Fails with kInvalidInput naming the file, line and key, or the
// variable, for a value that cannot be used; with kNotFound for a missing
// file that was named.
Result<Config> LoadConfig(const std::optional<std::string>& file,
                          const EnvironmentReader& environment);

}  // namespace kartla

#endif  // KARTLA_APP_CONFIG_H_
