// The `kartla` subcommands. Each Add... function registers one command (and
// its subcommands) on the CLI11 application; the callbacks set
// context.exit_code.

#ifndef KARTLA_CLI_COMMANDS_H_
#define KARTLA_CLI_COMMANDS_H_

namespace CLI {
class App;
}

namespace kartla::cli {

class CommandContext;

void AddInitCommand(CLI::App& app, CommandContext& context);
void AddRegistryCommands(CLI::App& app, CommandContext& context);
void AddFormCommands(CLI::App& app, CommandContext& context);
void AddRoundCommands(CLI::App& app, CommandContext& context);
void AddServeCommands(CLI::App& app, CommandContext& context);
void AddDemoCommand(CLI::App& app, CommandContext& context);
void AddUserCommands(CLI::App& app, CommandContext& context);
void AddContactCommands(CLI::App& app, CommandContext& context);
void AddMonitorCommand(CLI::App& app, CommandContext& context);
void AddStatsCommands(CLI::App& app, CommandContext& context);
void AddDatabaseCommands(CLI::App& app, CommandContext& context);

}  // namespace kartla::cli

#endif  // KARTLA_CLI_COMMANDS_H_
