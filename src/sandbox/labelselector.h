// A parsed `labelSelector` query (=, ==, !=, in, notin, exists, !exists),
// matched against an object's metadata.labels.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <expected>

namespace driftline::sandbox
{

class LabelSelector
{
public:
    // The error is the API server's BadRequest message.
    static std::expected<LabelSelector, QString> parse(const QString& text);

    bool isEmpty() const { return m_requirements.isEmpty(); }
    bool matches(const QJsonObject& labels) const;

private:
    enum class Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist };
    struct Requirement {
        QString key;
        Op op = Op::Exists;
        QStringList values;
    };
    QList<Requirement> m_requirements;
};

} // namespace driftline::sandbox
