// `reclens-cli catalog export`: the catalog's item ids in row order, one per line: the list a model
// exported outside RecLens needs for its catalog fingerprint (docs/model-contract.md).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

#include "auditoutput.h"
#include "clisupport.h"
#include "commands.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

struct CatalogExportOptions {
  std::string project;
  std::string out;
};

int runCatalogExport(const CatalogExportOptions& o) {
  auto store = ProjectStore::open(o.project, ProjectStore::Mode::ReadOnly);
  if (!store) return reportError(store.error());
  auto ids = store.value()->itemIds();
  if (!ids) return reportError(ids.error());
  if (ids.value().empty())
    return reportError(
        makeError(ErrorCode::Empty, "the project has no catalog: import data first", o.project));
  if (o.out.empty()) {
    for (const auto& id : ids.value()) std::cout << id << '\n';
    std::cout.flush();
    return std::cout ? kExitOk : reportError(makeError(ErrorCode::Io, "cannot write to stdout"));
  }
  // Written beside the target and renamed (writeTextFile), so a reader never sees half a list.
  std::string text;
  for (const auto& id : ids.value()) text.append(id).push_back('\n');
  if (auto st = writeTextFile(o.out, text); !st) return reportError(st.error());
  std::fprintf(stderr, "%zu item ids written to %s\n", ids.value().size(), o.out.c_str());
  return kExitOk;
}

}  // namespace

void addCatalogCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub = app.add_subcommand("catalog", "The project's catalog");
  sub->require_subcommand(1);
  auto opts = std::make_shared<CatalogExportOptions>();
  auto* exp = sub->add_subcommand(
      "export",
      "Write the catalog's item ids in row order, one per line (the list a model's catalog "
      "fingerprint is computed over)");
  exp->add_option("--project", opts->project, "Project file (*.reclens)")->required();
  exp->add_option("--out", opts->out, "File to write (default: standard output)");
  exp->callback([opts, &runner] { runner = [opts] { return runCatalogExport(*opts); }; });
}

}  // namespace reclens::cli
