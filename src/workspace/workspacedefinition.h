// driftline.yaml: the declared environments and applications of a workspace.
//
//   environments:
//     - name: staging
//       context: kind-staging        # kubeconfig context
//       namespace: shop-staging      # default namespace
//       revision: main               # tracked branch or revision
//     - name: production
//       context: prod
//       production: true             # asks for the name before a sync
//   applications:
//     - name: web
//       path: apps/web/overlays/{environment}
//       namespace: shop
//       environments: [staging, production]   # default: all
//       overrides:
//         production: { namespace: shop-prod, path: apps/web/overlays/prod }
//       ignoreDifferences:
//         - { kind: Deployment, jsonPointers: [/spec/replicas] }
#pragma once

#include "core/error.h"
#include "workspace/workspace.h"

#include <QByteArray>

namespace driftline::workspace {

struct WorkspaceDefinition {
    QList<Environment> environments;
    QList<Application> applications; // one per application and environment, {environment} expanded
    QList<Error> errors;             // every problem, each naming its line; valid parts still load

    static constexpr auto FileName = "driftline.yaml";
    static WorkspaceDefinition parse(const QByteArray& data, const QString& file = QStringLiteral("driftline.yaml"));
};

} // namespace driftline::workspace
