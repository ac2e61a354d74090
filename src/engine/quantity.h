// Quantity: a Kubernetes resource quantity ("500m", "1Gi", "0.5", "1e3") held as an
// exact decimal, so equal amounts written differently compare equal ("1000m" == "1",
// "1Gi" == "1024Mi") without floating point rounding.
#pragma once

#include "core/error.h"

#include <QJsonValue>
#include <QString>

namespace driftline::engine {

class Quantity
{
public:
    Quantity() = default;

    // Parses the Kubernetes quantity grammar: sign, decimal number, then either a
    // binary suffix (Ki..Ei), a decimal suffix (n, u, m, k, M, G, T, P, E) or an exponent (e3, E-2).
    static Result<Quantity> parse(const QString& text);
    // Strings as parse(); JSON numbers (YAML `cpu: 0.5`) by their shortest decimal form.
    static Result<Quantity> fromJson(const QJsonValue& value);

    bool isZero() const { return m_digits == u"0"; }
    // digits × 10^exponent with no trailing zeros in digits, e.g. "5e-1" for 500m.
    QString canonical() const;

    friend bool operator==(const Quantity&, const Quantity&) = default;

private:
    bool m_negative = false;
    QString m_digits = QStringLiteral("0"); // decimal digits, no leading or trailing zeros ("0" for zero)
    int m_exponent = 0; // power of ten
};

} // namespace driftline::engine
