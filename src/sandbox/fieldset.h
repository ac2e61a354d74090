// A managedFields field set (FieldsV1): the set of paths one field manager owns.
// A path is a list of encoded elements as the API server writes them: "f:<field>",
// "k:<compact JSON of the key fields>" for associative list items, "v:<JSON>" for
// set members and "i:<index>". A path is a member of the set when the manager owns
// that node itself (written as "." once the node also has owned children).
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <set>

namespace driftline::sandbox
{

class FieldSet
{
public:
    using Path = QStringList;

    static FieldSet fromFieldsV1(const QJsonObject& fieldsV1);
    QJsonObject toFieldsV1() const;

    void insert(const Path& path) { m_paths.insert(path); }
    bool contains(const Path& path) const { return m_paths.contains(path); }
    // True when `path` or anything below it is in the set.
    bool containsPrefix(const Path& path) const;
    // Removes `path` and everything below it.
    void removeTree(const Path& path);
    void remove(const Path& path) { m_paths.erase(path); }

    FieldSet united(const FieldSet& other) const;
    FieldSet subtracted(const FieldSet& other) const;
    FieldSet intersected(const FieldSet& other) const;

    bool isEmpty() const { return m_paths.empty(); }
    int size() const { return int(m_paths.size()); }
    const std::set<Path>& paths() const { return m_paths; }
    bool operator==(const FieldSet&) const = default;

    // structured-merge-diff's display form, as conflict messages use it:
    // .spec.template.spec.containers[name="nginx"].image
    static QString pathString(const Path& path);

private:
    std::set<Path> m_paths;
};

} // namespace driftline::sandbox
