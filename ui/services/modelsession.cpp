#include "services/modelsession.h"

#include <filesystem>

#include "services/modelvalidator.h"

namespace reclens {

ModelSession::ModelSession(std::shared_ptr<const DatasetSnapshot> snapshot,
                           std::shared_ptr<const ModelFile> model, std::string name)
    : m_snapshot(std::move(snapshot)),
      m_model(std::move(model)),
      m_name(std::move(name)),
      m_profiles(m_snapshot->dataset(), m_model->metadata()),
      m_popularity(itemPopularity(m_snapshot->dataset().interactions, m_snapshot->itemCount())),
      m_categories(m_snapshot->itemCount(), -1) {
  const auto& items = m_snapshot->dataset().items;
  if (const int f = items.fieldIndex("category"); f >= 0) {
    for (std::size_t i = 0; i < items.size(); ++i)
      m_categories[i] = items.fields[static_cast<std::size_t>(f)].codeAt(i);
  }
}

std::shared_ptr<const ModelSession> ModelSession::create(std::shared_ptr<const DatasetSnapshot> snapshot,
                                                         std::shared_ptr<const ModelFile> model,
                                                         std::string name) {
  return std::shared_ptr<const ModelSession>(
      new ModelSession(std::move(snapshot), std::move(model), std::move(name)));
}

Result<std::shared_ptr<const ModelSession>> ModelSession::load(
    std::shared_ptr<const DatasetSnapshot> snapshot, const ProjectStore::ModelRecord& record,
    const ComputeDevice& device) {
  // A model file is code: check it in a child process first, so a hostile file cannot crash the GUI.
  if (auto s = ModelValidator().validate(QString::fromStdString(record.path)); !s) return s.error();
  auto model = ModelFile::load(record.path, device, &snapshot->dataset().items);
  if (!model) return model.error();
  return create(std::move(snapshot), std::move(model).value(), record.name);
}

Result<std::vector<ProjectStore::ModelRecord>> ModelSession::registeredModels(
    const std::string& projectPath) {
  auto store = ProjectStore::open(projectPath, ProjectStore::Mode::ReadOnly);
  if (!store) return store.error();
  auto models = store.value()->models();
  if (!models) return models.error();
  // Registered paths may be relative to the project's folder.
  const auto folder = std::filesystem::absolute(std::filesystem::path(projectPath)).parent_path();
  for (auto& record : models.value()) {
    const std::filesystem::path path(record.path);
    if (path.is_relative()) record.path = (folder / path).lexically_normal().string();
  }
  return models;
}

}  // namespace reclens
