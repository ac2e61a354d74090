// A parsed `fieldSelector` query. Like the API server for most kinds, only
// metadata.name and metadata.namespace are supported (=, ==, !=).
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <expected>

namespace driftline::sandbox
{

class FieldSelector
{
public:
    // The error is the API server's BadRequest message.
    static std::expected<FieldSelector, QString> parse(const QString& text);

    bool isEmpty() const { return m_requirements.isEmpty(); }
    bool matches(const QJsonObject& object) const;

private:
    struct Requirement {
        QString field; // "name" or "namespace" under metadata
        bool negated = false;
        QString value;
    };
    QList<Requirement> m_requirements;
};

} // namespace driftline::sandbox
