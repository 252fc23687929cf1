// `reclens-cli models register`: adds a model file exported to the model contract outside RecLens to a
// project, so that evaluate --all-models, audit and the GUI see it.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "clisupport.h"
#include "commands.h"
#include "model/modelregistration.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

struct RegisterOptions {
  std::string project;
  std::string file;
  std::string name;
  bool copy = false;
  bool reference = false;
  bool json = false;
};

int runRegister(const RegisterOptions& o) {
  auto store = ProjectStore::open(o.project, ProjectStore::Mode::ReadWrite);
  if (!store) return reportError(store.error());
  const auto placement = o.reference ? ModelPlacement::Reference : ModelPlacement::Copy;
  auto record = registerExternalModel(*store.value(), o.project, o.file, o.name, placement);
  if (!record) return reportError(record.error());
  const auto& r = record.value();
  if (o.json) {
    const nlohmann::json out = {{"name", r.name},         {"id", r.id},
                                {"path", r.path},         {"sha256", r.sha256},
                                {"copied", !o.reference}, {"project", o.project}};
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  std::printf("registered model '%s' in %s\n  file    %s%s\n  sha256  %s\n", r.name.c_str(),
              o.project.c_str(), r.path.c_str(), o.reference ? " (referenced)" : " (copied)",
              r.sha256.c_str());
  return kExitOk;
}

}  // namespace

void addModelsCommand(CLI::App& app, CommandRunner& runner) {
  auto* sub = app.add_subcommand("models", "The project's registered models");
  sub->require_subcommand(1);
  auto opts = std::make_shared<RegisterOptions>();
  auto* reg = sub->add_subcommand(
      "register",
      "Register a model file made outside RecLens (validated against the contract and the "
      "project's catalog, SHA-256 hashed)");
  reg->add_option("--project", opts->project, "Project file (*.reclens)")->required();
  reg->add_option("file", opts->file, "TorchScript model file following docs/model-contract.md")->required();
  reg->add_option("--name", opts->name, "Name in the project (default: the file's name without .pt)");
  auto* copy = reg->add_flag("--copy", opts->copy,
                             "Copy the file next to the project as <project>.<name>.pt (the default)");
  reg->add_flag("--reference", opts->reference,
                "Leave the file where it is and store its path (outside the project's folder, loading it "
                "then needs confirming: --trust-model on the command line)")
      ->excludes(copy);
  reg->add_flag("--json", opts->json, "Print the registered record as JSON");
  reg->callback([opts, &runner] { runner = [opts] { return runRegister(*opts); }; });
}

}  // namespace reclens::cli
