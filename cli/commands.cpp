#include "cli/commands.hpp"

namespace parley::cli {
namespace {
int selected_exit_code = exit_ok;
}

void set_exit_code(int code) { selected_exit_code = code; }

int run_selected(CLI::App&) { return selected_exit_code; }

}  // namespace parley::cli
