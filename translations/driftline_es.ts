<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>SandboxHost</name>
    <message>
        <location filename="../src/sandbox/sandboxhost.cpp" line="+115"/>
        <location line="+7"/>
        <source>Cannot write the sandbox kubeconfig.</source>
        <translation>No se puede escribir el kubeconfig del sandbox.</translation>
    </message>
</context>
<context>
    <name>StorePersistence</name>
    <message numerus="yes">
        <location filename="../src/sandbox/storepersistence.cpp" line="+79"/>
        <source>%1: %n object(s) of kind %2: not served by the sandbox</source>
        <translation>
            <numerusform>%1: %n objeto de kind %2: el sandbox no lo ofrece</numerusform>
            <numerusform>%1: %n objetos de kind %2: el sandbox no los ofrece</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot read the file.</source>
        <translation>No se puede leer el archivo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file is not valid JSON.</source>
        <translation>El archivo no es JSON válido.</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>The cluster dump folder does not exist.</source>
        <translation>La carpeta del volcado del clúster no existe.</translation>
    </message>
</context>
<context>
    <name>driftline::DemoWorkspace</name>
    <message>
        <location filename="../src/workspace/demoworkspace.cpp" line="+118"/>
        <source>Cannot read a demo file.</source>
        <translation>No se puede leer un archivo de la demostración.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The demo workspace&apos;s files are missing from this build.</source>
        <translation>Faltan en esta compilación los archivos del espacio de trabajo de demostración.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The demo history names a missing file.</source>
        <translation>El historial de demostración menciona un archivo que no existe.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The demo history no longer matches its files: &quot;%1&quot; is not in the file exactly once.</source>
        <translation>El historial de demostración ya no coincide con sus archivos: &quot;%1&quot; no aparece exactamente una vez en el archivo.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot write the file: %1</source>
        <translation>No se puede escribir el archivo: %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Create the demo repository</source>
        <translation>Crear el repositorio de demostración</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Commit the demo history</source>
        <translation>Hacer commit del historial de demostración</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot create the demo workspace here: the folder is not empty.</source>
        <translation>No se puede crear aquí el espacio de trabajo de demostración: la carpeta no está vacía.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot create a folder: %1</source>
        <translation>No se puede crear una carpeta: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot replace the empty folder.</source>
        <translation>No se puede reemplazar la carpeta vacía.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot move the demo workspace into place.</source>
        <translation>No se puede mover el espacio de trabajo de demostración a su ubicación.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open the demo workspace</source>
        <translation>Abrir el espacio de trabajo de demostración</translation>
    </message>
</context>
<context>
    <name>driftline::SandboxCertificates</name>
    <message>
        <location filename="../src/sandbox/sandboxcertificates.cpp" line="+69"/>
        <source>Cannot create the sandbox certificates (%1).</source>
        <translation>No se pueden crear los certificados del sandbox (%1).</translation>
    </message>
</context>
<context>
    <name>driftline::cli::Cli</name>
    <message>
        <location filename="../src/cli/cli.cpp" line="+144"/>
        <source>The repository to read (default: the current folder).</source>
        <translation>Repositorio que se lee (por defecto: la carpeta actual).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>path</source>
        <translation>ruta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The revision to read (default: HEAD).</source>
        <translation>Revisión que se lee (por defecto: HEAD).</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1711"/>
        <source>revision</source>
        <translation>revisión</translation>
    </message>
    <message>
        <location line="-1650"/>
        <location line="+76"/>
        <source>List environments and applications with their resource counts.</source>
        <translation>Lista los entornos y las aplicaciones con su número de recursos.</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Print an application&apos;s resources as canonical YAML.</source>
        <translation>Imprime los recursos de una aplicación como YAML canónico.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show each application&apos;s sync status and health against its cluster.</source>
        <translation>Muestra el estado de sincronización y de salud de cada aplicación frente a su clúster.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show how the cluster differs from Git, resource by resource.</source>
        <translation>Muestra en qué difiere el clúster de Git, recurso por recurso.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Serve a local Kubernetes-compatible sandbox cluster until stopped.</source>
        <translation>Sirve un clúster sandbox local compatible con Kubernetes hasta que se detenga.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prepare the demo repository and serve its sandbox cluster until stopped.</source>
        <translation>Prepara el repositorio de demostración y sirve su clúster sandbox hasta que se detenga.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the version.</source>
        <translation>Imprime la versión.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show this help.</source>
        <translation>Muestra esta ayuda.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>driftline: unknown command &quot;%1&quot;. Commands: %2</source>
        <translation>driftline: comando desconocido &quot;%1&quot;. Comandos: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: driftline [COMMAND] [OPTIONS]</source>
        <translation>Uso: driftline [COMANDO] [OPCIONES]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without a command, Driftline opens its window (see driftline --help).</source>
        <translation>Sin comando, Driftline abre su ventana (véase driftline --help).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commands:</source>
        <translation>Comandos:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run &quot;driftline COMMAND --help&quot; for a command&apos;s options.</source>
        <translation>Ejecute &quot;driftline COMANDO --help&quot; para ver las opciones de un comando.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status and diff exit with 0 when everything is in sync, 1 when they find drift, and 2 on an error (a cluster that cannot be read included).</source>
        <translation>status y diff terminan con 0 cuando todo está sincronizado, con 1 cuando encuentran desviaciones y con 2 si hay un error (incluido un clúster que no se puede leer).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>graph exits with 0 when it has written the graph (also from a cluster that cannot be read) and 2 on an error.</source>
        <translation>graph termina con 0 cuando ha escrito el grafo (también con un clúster que no se puede leer) y con 2 ante un error.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sync and rollback exit with 0 when everything was applied, 1 when a resource failed or the operation stopped, and 2 on an error (nothing changed); without a terminal they need --yes.</source>
        <translation>sync y rollback terminan con 0 cuando se aplicó todo, con 1 cuando falló un recurso o la operación se detuvo y con 2 si hay un error (no se cambió nada); sin un terminal necesitan --yes.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Print JSON for scripts.</source>
        <translation>Imprime JSON para scripts.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Workspace: %1</source>
        <translation>Espacio de trabajo: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revision:  %1 (%2)</source>
        <translation>Revisión:           %1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defined by: %1</source>
        <translation>Definido por:       %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the repository layout</source>
        <translation>la estructura del repositorio</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+569"/>
        <source>context %1</source>
        <translation>contexto %1</translation>
    </message>
    <message>
        <location line="-567"/>
        <source>namespace %1</source>
        <translation>namespace %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revision %1</source>
        <translation>revisión %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+732"/>
        <source>APPLICATION</source>
        <translation>APLICACIÓN</translation>
    </message>
    <message>
        <location line="-732"/>
        <source>FOUND BY</source>
        <translation>DETECTADA POR</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ORIGIN</source>
        <translation>ORIGEN</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+732"/>
        <location line="+1022"/>
        <source>RESOURCES</source>
        <translation>RECURSOS</translation>
    </message>
    <message>
        <location line="-1754"/>
        <source>STATUS</source>
        <translation>ESTADO</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not rendered</source>
        <translation>sin renderizar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errores</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Print an application&apos;s resources as canonical YAML documents. Secret values are always redacted.</source>
        <translation>Imprime los recursos de una aplicación como documentos YAML canónicos. Los valores de los Secret siempre se ocultan.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The environment.</source>
        <translation>El entorno.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+471"/>
        <location line="+251"/>
        <location line="+178"/>
        <location line="+366"/>
        <location line="+171"/>
        <location line="+220"/>
        <location line="+1"/>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <location line="-1658"/>
        <location line="+1437"/>
        <source>The application.</source>
        <translation>La aplicación.</translation>
    </message>
    <message>
        <location line="-1425"/>
        <source>driftline render: both --env and --app are required.</source>
        <translation>driftline render: se necesitan tanto --env como --app.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>driftline render: there is no environment &quot;%1&quot;. Environments: %2</source>
        <translation>driftline render: no existe el entorno &quot;%1&quot;. Entornos: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <location line="+728"/>
        <location line="+34"/>
        <location line="+146"/>
        <location line="+373"/>
        <location line="+162"/>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <location line="-1444"/>
        <source>driftline render: there is no application &quot;%1&quot; in %2. Applications: %3</source>
        <translation>driftline render: no existe la aplicación &quot;%1&quot; en %2. Aplicaciones: %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>driftline render: %1 was not rendered.</source>
        <translation>driftline render: %1 no se ha renderizado.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Serve a local Kubernetes-compatible sandbox cluster on 127.0.0.1 over HTTPS until interrupted (Ctrl+C or SIGTERM), and write a kubeconfig that reaches it.</source>
        <translation>Sirve un clúster sandbox local compatible con Kubernetes en 127.0.0.1 por HTTPS hasta que se interrumpa (Ctrl+C o SIGTERM) y escribe un kubeconfig que lo alcanza.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The port to listen on (default: 0, any free port).</source>
        <translation>Puerto en el que escuchar (por defecto: 0, cualquier puerto libre).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>port</source>
        <translation>puerto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where to write the kubeconfig (readable by you only; kept on exit).</source>
        <translation>Dónde escribir el kubeconfig (legible solo por usted; se conserva al salir).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <location line="+399"/>
        <location line="+432"/>
        <location line="+371"/>
        <location line="+1"/>
        <location line="+172"/>
        <location line="+1"/>
        <location line="+215"/>
        <source>file</source>
        <translation>archivo</translation>
    </message>
    <message>
        <location line="-1593"/>
        <source>Keep the cluster&apos;s objects in a file: loaded at start when it exists, written shortly after every change and at exit.</source>
        <translation>Guarda los objetos del clúster en un archivo: se carga al iniciar si existe y se escribe poco después de cada cambio y al salir.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start from a captured cluster (a support-bundle folder with cluster-resources/; ignored when the --state file already holds a cluster).</source>
        <translation>Parte de un clúster capturado (una carpeta de support bundle con cluster-resources/; se ignora si el archivo de --state ya contiene un clúster).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+130"/>
        <source>folder</source>
        <translation>carpeta</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>Do not run the controllers (Deployments, ReplicaSets, StatefulSets, Jobs, Endpoints, Pod start-up): the cluster changes only when a client changes it.</source>
        <translation>No ejecuta los controladores (Deployments, ReplicaSets, StatefulSets, Jobs, Endpoints, arranque de Pods): el clúster solo cambia cuando lo cambia un cliente.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Inject faults for testing clients, as JSON: latencyMs, failEveryNth, throttleEveryNth, retryAfterSeconds, dropWatchAfterEvents (also switchable at /driftline/v1/faults).</source>
        <translation>Inyecta fallos para probar clientes, en JSON: latencyMs, failEveryNth, throttleEveryNth, retryAfterSeconds, dropWatchAfterEvents (también se pueden cambiar en /driftline/v1/faults).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>json</source>
        <translation>json</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Prepare the demo repository and serve the demo&apos;s sandbox cluster until interrupted (Ctrl+C or SIGTERM): the same repository and cluster the window&apos;s demo uses. A new cluster starts from an older revision with a few changes made by hand, so there is drift to see; a kept one is served as it was left.</source>
        <translation>Prepara el repositorio de demostración y sirve el clúster sandbox de la demostración hasta que se interrumpa (Ctrl+C o SIGTERM): el mismo repositorio y clúster que usa la demostración de la ventana. Un clúster nuevo parte de una revisión anterior con algunos cambios hechos a mano, para que haya desviaciones que ver; uno conservado se sirve tal como se dejó.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The demo&apos;s folder, kept across runs (default: %1).</source>
        <translation>Carpeta de la demostración, que se conserva entre ejecuciones (por defecto: %1).</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Applied %n object(s) from revision %1.</source>
        <translation>
            <numerusform>Se ha aplicado %n objeto de la revisión %1.</numerusform>
            <numerusform>Se han aplicado %n objetos de la revisión %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>By hand: %1</source>
        <translation>A mano: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>warning: %1</source>
        <translation>aviso: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>demo stopped</source>
        <translation>demostración detenida</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>%1 synced</source>
        <translation>sincronizados: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 out of sync</source>
        <translation>desincronizados: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 missing</source>
        <translation>ausentes: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 extraneous</source>
        <translation>sobrantes: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 unknown</source>
        <translation>desconocidos: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no resources</source>
        <translation>sin recursos</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>The kubeconfig file to use (default: $KUBECONFIG, else ~/.kube/config).</source>
        <translation>Archivo kubeconfig que se usa (por defecto: $KUBECONFIG o, si no, ~/.kube/config).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1186"/>
        <source>Only this environment (may be repeated).</source>
        <translation>Solo este entorno (se puede repetir).</translation>
    </message>
    <message>
        <location line="-1185"/>
        <source>Seconds to wait for the clusters to answer (default: 15).</source>
        <translation>Segundos de espera a que respondan los clústeres (por defecto: 15).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seconds</source>
        <translation>segundos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour: auto (on a terminal, unless NO_COLOR is set), always or never.</source>
        <translation>Color: auto (en un terminal, salvo que NO_COLOR esté definida), always o never.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>when</source>
        <translation>cuándo</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>driftline %1: --timeout must be a number of seconds above 0, not &quot;%2&quot;.</source>
        <translation>driftline %1: --timeout debe ser un número de segundos mayor que 0, no &quot;%2&quot;.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>no context</source>
        <translation>sin contexto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cluster %1</source>
        <translation>clúster %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>driftline %1: environment %2: %3 (%4): %5</source>
        <translation>driftline %1: entorno %2: %3 (%4): %5</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>driftline %1: %2 was not rendered.</source>
        <translation>driftline %1: %2 no se ha renderizado.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>%1: --color must be auto, always or never, not &quot;%2&quot;.</source>
        <translation>%1: --color debe ser auto, always o never, no &quot;%2&quot;.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Compare every application with its cluster and show its sync status, health and resource counts. Exits with 0 when everything is in sync, 1 when there is drift, 2 on an error.</source>
        <translation>Compara cada aplicación con su clúster y muestra su estado de sincronización, su estado de salud y su número de recursos. Termina con 0 cuando todo está sincronizado, con 1 cuando hay desviaciones y con 2 si hay un error.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1046"/>
        <source>table (default) or json.</source>
        <translation>table (por defecto) o json.</translation>
    </message>
    <message>
        <location line="-1046"/>
        <location line="+114"/>
        <location line="+177"/>
        <location line="+755"/>
        <source>format</source>
        <translation>formato</translation>
    </message>
    <message>
        <location line="-968"/>
        <location line="+1021"/>
        <source>ENVIRONMENT</source>
        <translation>ENTORNO</translation>
    </message>
    <message>
        <location line="-1021"/>
        <source>SYNC</source>
        <translation>SINCRONIZACIÓN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HEALTH</source>
        <translation>SALUD</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Show, for every resource that is out of sync, missing from the cluster or extraneous, how the live object differs from Git: a unified diff of the normalized YAML (Secret values masked). Exits with 0 when everything is in sync, 1 when there is drift, 2 on an error.</source>
        <translation>Muestra, para cada recurso desincronizado, ausente del clúster o sobrante, en qué difiere el objeto en vivo de Git: un diff unificado del YAML normalizado (con los valores de los Secret enmascarados). Termina con 0 cuando todo está sincronizado, con 1 cuando hay desviaciones y con 2 si hay un error.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only this application.</source>
        <translation>Solo esta aplicación.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only this resource: KIND/NAME or KIND/NAMESPACE/NAME.</source>
        <translation>Solo este recurso: KIND/NAME o KIND/NAMESPACE/NAME.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>resource</source>
        <translation>recurso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unified (default) or json.</source>
        <translation>unified (por defecto) o json.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>driftline diff: --resource must be KIND/NAME or KIND/NAMESPACE/NAME, not &quot;%1&quot;.</source>
        <translation>driftline diff: --resource debe ser KIND/NAME o KIND/NAMESPACE/NAME, no &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>driftline diff: there is no application &quot;%1&quot;%2. Applications: %3</source>
        <translation>driftline diff: no existe la aplicación &quot;%1&quot;%2. Aplicaciones: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> in %1</source>
        <translation> en %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>driftline diff: there is no resource &quot;%1&quot;. Resources: %2</source>
        <translation>driftline diff: no existe el recurso &quot;%1&quot;. Recursos: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Git</source>
        <translation>Git</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live · %1</source>
        <translation>En vivo · %1</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>added %1</source>
        <translation>añadido %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed %1</source>
        <translation>eliminado %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>driftline diff: no drift.</source>
        <translation>driftline diff: no hay desviaciones.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Draw one application&apos;s resource dependency graph (its resources in Git, what they own in the cluster, what they use, select, route to, scale and bind) with each resource&apos;s sync status and health, as Graphviz DOT, SVG or PNG (the SVG drawn at two pixels per point). Names and statuses only: no object&apos;s data is written. Give --env exactly once (repeating it is for status and diff); --color is accepted like theirs and has no effect here. Exits with 0 when the graph was written (also when the cluster could not be read: statuses are then Unknown, and stderr says why), 2 on an error.</source>
        <translation>Dibuja el grafo de dependencias de los recursos de una aplicación (sus recursos en Git, lo que poseen en el clúster, lo que usan, seleccionan, enrutan, escalan y vinculan) con el estado de sincronización y de salud de cada recurso, en Graphviz DOT, SVG o PNG (el SVG dibujado a dos píxeles por punto). Solo nombres y estados: no se escriben los datos de ningún objeto. Indique --env exactamente una vez (repetirlo es para status y diff); --color se acepta como en ellos y aquí no tiene efecto. Termina con 0 cuando se ha escrito el grafo (también cuando no se pudo leer el clúster: los estados son entonces Unknown y stderr indica el motivo) y con 2 ante un error.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>dot (default), svg or png (png needs --output).</source>
        <translation>dot (por defecto), svg o png (png necesita --output).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>driftline graph: png needs --output FILE (a picture is not written to a terminal).</source>
        <translation>driftline graph: png necesita --output FILE (una imagen no se escribe en un terminal).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>driftline graph: png cannot be drawn in this process (no QGuiApplication).</source>
        <translation>driftline graph: png no se puede dibujar en este proceso (no hay QGuiApplication).</translation>
    </message>
    <message>
        <location line="+159"/>
        <source>(dry run)</source>
        <translation>(ejecución de prueba)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Will delete from the cluster:</source>
        <translation>Se eliminará del clúster:</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n extraneous resource(s) left in place (pass --prune to delete them).</source>
        <translation>
            <numerusform>%n recurso sobrante se deja en su sitio (use --prune para eliminarlo).</numerusform>
            <numerusform>%n recursos sobrantes se dejan en su sitio (use --prune para eliminarlos).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>driftline %1: %2 is a production environment; going on because of --yes.</source>
        <translation>driftline %1: %2 es un entorno de producción; se continúa por --yes.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is a production environment. Type its name to apply: </source>
        <translation>%1 es un entorno de producción. Escriba su nombre para aplicar: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply? [y/N] </source>
        <translation>¿Aplicar? [y/N] </translation>
    </message>
    <message>
        <location line="+41"/>
        <source>the audit log</source>
        <translation>el registro de auditoría</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>driftline %1: stopping after the current resource…</source>
        <translation>driftline %1: deteniendo tras el recurso actual…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1: %2 created, %3 configured, %4 unchanged, %5 pruned, %6 failed, %7 not run (%8 ms)</source>
        <translation>%1: %2 creados, %3 configurados, %4 sin cambios, %5 podados, %6 fallidos, %7 no ejecutados (%8 ms)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>driftline %1: %2: stopped, the cluster could not be reached: %3</source>
        <translation>driftline %1: %2: detenido, no se pudo acceder al clúster: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>driftline %1: %2: stopped before the end.</source>
        <translation>driftline %1: %2: detenido antes del final.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>driftline %1: the audit log: %2</source>
        <translation>driftline %1: el registro de auditoría: %2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Apply Git to the cluster: for each environment, show the plan (what is created, updated and, with --prune, deleted), ask, apply it with server-side apply and print each resource&apos;s result. Exits with 0 when everything was applied, 1 when a resource failed or the sync stopped, 2 on an error.</source>
        <translation>Aplica Git al clúster: para cada entorno, muestra el plan (lo que se crea, se actualiza y, con --prune, se elimina), pide confirmación, lo aplica con server-side apply e imprime el resultado de cada recurso. Termina con 0 cuando se aplicó todo, con 1 cuando falló un recurso o la sincronización se detuvo y con 2 si hay un error.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only this application (may be repeated).</source>
        <translation>Solo esta aplicación (se puede repetir).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+174"/>
        <source>Let the server check everything without storing anything.</source>
        <translation>Deja que el servidor lo compruebe todo sin guardar nada.</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>Delete tracked resources that Git no longer has.</source>
        <translation>Elimina los recursos rastreados que ya no están en Git.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+174"/>
        <source>Take over fields that other field managers own.</source>
        <translation>Toma el control de los campos que poseen otros field managers.</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>Leave resources that are in sync alone.</source>
        <translation>No toca los recursos que están sincronizados.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+173"/>
        <source>Do not ask (needed when stdin is not a terminal).</source>
        <translation>No pregunta (necesario cuando stdin no es un terminal).</translation>
    </message>
    <message>
        <location line="-172"/>
        <location line="+173"/>
        <source>The audit journal to write (default: the user&apos;s data folder).</source>
        <translation>El diario de auditoría que se escribe (por defecto: la carpeta de datos del usuario).</translation>
    </message>
    <message>
        <location line="-171"/>
        <location line="+173"/>
        <source>The pinned revisions file (default: the user&apos;s data folder).</source>
        <translation>El archivo de revisiones fijadas (por defecto: la carpeta de datos del usuario).</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>driftline sync: --color must be auto, always or never, not &quot;%1&quot;.</source>
        <translation>driftline sync: --color debe ser auto, always o never, no &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>driftline sync: there is no application &quot;%1&quot;. Applications: %2</source>
        <translation>driftline sync: no existe la aplicación &quot;%1&quot;. Aplicaciones: %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>driftline sync: nothing was changed.</source>
        <translation>driftline sync: no se cambió nada.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 (context %2)</source>
        <translation>%1 (contexto %2)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>driftline sync: stdin is not a terminal, so nobody can confirm; pass --yes to apply without asking. Nothing was changed.</source>
        <translation>driftline sync: stdin no es un terminal, así que nadie puede confirmar; use --yes para aplicar sin preguntar. No se cambió nada.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>driftline sync: %1 not applied.</source>
        <translation>driftline sync: %1 no aplicado.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Take an application of an environment back to an earlier revision. Without --revert-commit the cluster gets the objects the revision held (the environment stays pinned to it until the next sync); with --revert-commit a new commit restores the application&apos;s files as they were, to be synced after. Exits with 0 when done, 1 when a resource failed or the push was rejected, 2 on an error.</source>
        <translation>Devuelve una aplicación de un entorno a una revisión anterior. Sin --revert-commit, el clúster recibe los objetos que tenía la revisión (el entorno queda fijado a ella hasta la siguiente sincronización); con --revert-commit, un nuevo commit restaura los archivos de la aplicación tal como estaban, para sincronizarlos después. Termina con 0 cuando ha terminado, con 1 cuando falló un recurso o se rechazó el push y con 2 si hay un error.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The revision to go back to (a commit, tag, HEAD~2…).</source>
        <translation>La revisión a la que volver (un commit, una etiqueta, HEAD~2…).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a commit restoring the application&apos;s files instead.</source>
        <translation>En su lugar, escribe un commit que restaura los archivos de la aplicación.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With --revert-commit: push the commit to origin.</source>
        <translation>Con --revert-commit: hace push del commit a origin.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete what the application has now but did not have then.</source>
        <translation>Elimina lo que la aplicación tiene ahora pero no tenía entonces.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>driftline rollback: --app, exactly one --env and --to are needed.</source>
        <translation>driftline rollback: se necesitan --app, exactamente un --env y --to.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>driftline rollback: there is no application &quot;%1&quot; in %2. Applications: %3</source>
        <translation>driftline rollback: no existe la aplicación &quot;%1&quot; en %2. Aplicaciones: %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>driftline rollback: the revision &quot;%1&quot; does not exist: %2</source>
        <translation>driftline rollback: la revisión &quot;%1&quot; no existe: %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>driftline rollback: uncommitted changes in %1; commit or discard them first. Nothing was changed.</source>
        <translation>driftline rollback: hay cambios sin commit en %1; haga commit o descártelos primero. No se cambió nada.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Committed %1: %2</source>
        <translation>Commit %1 creado: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>driftline rollback: the push was refused: %1
The commit %2 stays on the local branch; fetch, then push again.</source>
        <translation>driftline rollback: se rechazó el push: %1
El commit %2 se queda en la rama local; haga fetch y vuelva a hacer push.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pushed to origin.</source>
        <translation>Push a origin realizado.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>To apply it: driftline sync --app %1 --env %2</source>
        <translation>Para aplicarlo: driftline sync --app %1 --env %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>driftline rollback: nothing was changed.</source>
        <translation>driftline rollback: no se cambió nada.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 (context %2), %3 at %4 (%5)</source>
        <translation>%1 (contexto %2), %3 en %4 (%5)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>driftline rollback: stdin is not a terminal, so nobody can confirm; pass --yes to apply without asking. Nothing was changed.</source>
        <translation>driftline rollback: stdin no es un terminal, así que nadie puede confirmar; use --yes para aplicar sin preguntar. No se cambió nada.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>driftline rollback: not applied.</source>
        <translation>driftline rollback: no aplicado.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 is pinned to %2 until the next sync of %3.</source>
        <translation>%1 queda fijado a %2 hasta la siguiente sincronización de %3.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>List the audit journal: every sync, rollback, revert and prune, who ran it, where and with which result. Operations whose process died read as interrupted.</source>
        <translation>Lista el diario de auditoría: cada sync, rollback, revert y prune, quién lo ejecutó, dónde y con qué resultado. Las operaciones cuyo proceso terminó de forma inesperada aparecen como interrumpidas.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only operations touching this application (may be repeated).</source>
        <translation>Solo las operaciones que afectan a esta aplicación (se puede repetir).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only this kind: sync, rollback, revert or prune (may be repeated).</source>
        <translation>Solo este tipo: sync, rollback, revert o prune (se puede repetir).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kind</source>
        <translation>tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The audit journal to read (default: the user&apos;s data folder).</source>
        <translation>El diario de auditoría que se lee (por defecto: la carpeta de datos del usuario).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>driftline audit: --format must be table or json, not &quot;%1&quot;.</source>
        <translation>driftline audit: --format debe ser table o json, no &quot;%1&quot;.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>driftline audit: %n torn or unreadable line(s) in %1 skipped.</source>
        <translation>
            <numerusform>driftline audit: se omitió %n línea cortada o ilegible en %1.</numerusform>
            <numerusform>driftline audit: se omitieron %n líneas cortadas o ilegibles en %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>TIME</source>
        <translation>HORA</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>KIND</source>
        <translation>TIPO</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>USER</source>
        <translation>USUARIO</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>APPLICATIONS</source>
        <translation>APLICACIONES</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REVISION</source>
        <translation>REVISIÓN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OUTCOME</source>
        <translation>RESULTADO</translation>
    </message>
    <message>
        <location line="-810"/>
        <source>The application (required, with one --env).</source>
        <translation>La aplicación (obligatoria, con un único --env).</translation>
    </message>
    <message>
        <location line="-311"/>
        <source>%1 or %2</source>
        <translation>%1 o %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: --format must be %2, not &quot;%3&quot;.</source>
        <translation>%1: --format debe ser %2, no &quot;%3&quot;.</translation>
    </message>
    <message>
        <location line="+312"/>
        <source>Write to this file instead of stdout (&quot;-&quot;: stdout).</source>
        <translation>Escribir en este archivo en lugar de stdout (&quot;-&quot;: stdout).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show every object: do not fold more than %1 siblings of one kind into a group.</source>
        <translation>Mostrar todos los objetos: no agrupar más de %1 hermanos de un mismo tipo.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>driftline graph: one --env and one --app are required.</source>
        <translation>driftline graph: se requieren un --env y un --app.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>driftline graph: there is no application &quot;%1&quot; in %2. Applications: %3</source>
        <translation>driftline graph: no hay ninguna aplicación &quot;%1&quot; en %2. Aplicaciones: %3</translation>
    </message>
    <message>
        <location line="+51"/>
        <location line="+15"/>
        <source>driftline graph: the drawing could not be rasterized.</source>
        <translation>driftline graph: no se pudo rasterizar el dibujo.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>driftline graph: cannot write %1: %2</source>
        <translation>driftline graph: no se puede escribir %1: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>driftline graph: warning: the graph shows only what could be read (statuses may be Unknown).</source>
        <translation>driftline graph: aviso: el grafo muestra solo lo que se pudo leer (los estados pueden ser Unknown).</translation>
    </message>
    <message>
        <location line="-937"/>
        <source>driftline sandbox: --port must be a number from 0 to 65535, not &quot;%1&quot;.</source>
        <translation>driftline sandbox: --port debe ser un número de 0 a 65535, no &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="-302"/>
        <source>Draw an application&apos;s resource dependency graph as DOT, SVG or PNG.</source>
        <translation>Dibuja el grafo de dependencias de los recursos de una aplicación en DOT, SVG o PNG.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply Git to the cluster, after showing the plan and asking.</source>
        <translation>Aplica Git al clúster, tras mostrar el plan y pedir confirmación.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take an application back to an earlier revision (cluster or Git).</source>
        <translation>Devuelve una aplicación a una revisión anterior (en el clúster o en Git).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the journal of syncs, rollbacks and reverts.</source>
        <translation>Lista el diario de sincronizaciones, rollbacks y reverts.</translation>
    </message>
    <message>
        <location line="+306"/>
        <source>driftline sandbox: --kubeconfig-out is required.</source>
        <translation>driftline sandbox: se necesita --kubeconfig-out.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not a JSON object</source>
        <translation>no es un objeto JSON</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>driftline sandbox: --faults: %1</source>
        <translation>driftline sandbox: --faults: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>driftline sandbox: restored %n object(s) from %1</source>
        <translation>
            <numerusform>driftline sandbox: se ha restaurado %n objeto desde %1</numerusform>
            <numerusform>driftline sandbox: se han restaurado %n objetos desde %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>driftline sandbox: loaded %n object(s) from %1</source>
        <translation>
            <numerusform>driftline sandbox: se ha cargado %n objeto desde %1</numerusform>
            <numerusform>driftline sandbox: se han cargado %n objetos desde %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>driftline sandbox: %n object(s) could not be loaded:</source>
        <translation>
            <numerusform>driftline sandbox: no se ha podido cargar %n objeto:</numerusform>
            <numerusform>driftline sandbox: no se han podido cargar %n objetos:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>driftline sandbox: cannot create the folder %1.</source>
        <translation>driftline sandbox: no se puede crear la carpeta %1.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>sandbox stopped</source>
        <translation>sandbox detenido</translation>
    </message>
</context>
<context>
    <name>driftline::demo::DemoSeeder</name>
    <message>
        <location filename="../src/demo/demoseeder.cpp" line="+26"/>
        <source>The request was cancelled.</source>
        <translation>Se canceló la solicitud.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Rendering %1 at %2…</source>
        <translation>Renderizando %1 en %2…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>render %1</source>
        <translation>renderizar %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Applying %1 (%2 of %3)…</source>
        <translation>Aplicando %1 (%2 de %3)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>apply %1</source>
        <translation>aplicar %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Making drift by hand…</source>
        <translation>Provocando desviaciones a mano…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>scaled Deployment %1/api to 4 replicas</source>
        <translation>se escaló el Deployment %1/api a 4 réplicas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>edited ConfigMap %1/web-config: LOG_LEVEL=debug</source>
        <translation>se editó el ConfigMap %1/web-config: LOG_LEVEL=debug</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>deleted Service %1/web</source>
        <translation>se eliminó el Service %1/web</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>delete Service %1/web</source>
        <translation>eliminar el Service %1/web</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>created ConfigMap %1/web-debug, which Git does not have</source>
        <translation>se creó el ConfigMap %1/web-debug, que no está en Git</translation>
    </message>
</context>
<context>
    <name>driftline::demo::DemoSession</name>
    <message>
        <location filename="../src/demo/demosession.cpp" line="+67"/>
        <source>Cannot create the demo folder.</source>
        <translation>No se puede crear la carpeta de la demostración.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The demo in this folder is already being served by process %1; stop it (or choose another folder with --dir) and try again.</source>
        <translation>El proceso %1 ya está sirviendo la demostración de esta carpeta; deténgalo (o elija otra carpeta con --dir) y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preparing the demo repository…</source>
        <translation>Preparando el repositorio de demostración…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Starting the sandbox cluster…</source>
        <translation>Iniciando el clúster sandbox…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>start the demo cluster</source>
        <translation>iniciar el clúster de demostración</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>read the demo cluster</source>
        <translation>leer el clúster de demostración</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>seed the demo cluster</source>
        <translation>poblar el clúster de demostración</translation>
    </message>
</context>
<context>
    <name>driftline::engine</name>
    <message>
        <location filename="../src/engine/graphlayout.cpp" line="+98"/>
        <source>A graph node has no id.</source>
        <translation>Un nodo del grafo no tiene id.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The graph node %1 has no size.</source>
        <translation>El nodo del grafo %1 no tiene tamaño.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The graph node %1 appears twice.</source>
        <translation>El nodo del grafo %1 aparece dos veces.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A graph edge %1 → %2 names the unknown node %3.</source>
        <translation>Una arista del grafo %1 → %2 nombra el nodo desconocido %3.</translation>
    </message>
</context>
<context>
    <name>driftline::engine::AuditLog</name>
    <message>
        <location filename="../src/engine/auditlog.cpp" line="+100"/>
        <source>an audit entry needs an id, a time and a kind</source>
        <translation>una entrada de auditoría necesita un id, una hora y un tipo</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>a started operation needs an id to finish it with</source>
        <translation>una operación iniciada necesita un id con el que finalizarla</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>cannot create the folder of the audit log %1</source>
        <translation>no se puede crear la carpeta del registro de auditoría %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot open the audit log %1</source>
        <translation>no se puede abrir el registro de auditoría %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot lock the audit log %1</source>
        <translation>no se puede bloquear el registro de auditoría %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>cannot write the audit log %1</source>
        <translation>no se puede escribir el registro de auditoría %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot flush the audit log %1</source>
        <translation>no se puede volcar a disco el registro de auditoría %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>cannot read the audit log %1: %2</source>
        <translation>no se puede leer el registro de auditoría %1: %2</translation>
    </message>
</context>
<context>
    <name>driftline::engine::ClusterTarget</name>
    <message>
        <location filename="../src/engine/clustertarget.cpp" line="+27"/>
        <source>No cluster context is chosen, and the kubeconfig (%1) has no current context.</source>
        <translation>No se ha elegido ningún contexto de clúster y el kubeconfig (%1) no tiene contexto actual.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The context %1 is not in the kubeconfig (%2).</source>
        <translation>El contexto %1 no está en el kubeconfig (%2).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The context %1 names the cluster %2, which the kubeconfig does not define usably.</source>
        <translation>El contexto %1 indica el clúster %2, que el kubeconfig no define de forma utilizable.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No cluster connection.</source>
        <translation>No hay conexión con el clúster.</translation>
    </message>
</context>
<context>
    <name>driftline::engine::DriftCheck</name>
    <message>
        <location filename="../src/engine/driftcheck.cpp" line="+100"/>
        <source>There is no environment &quot;%1&quot;. Environments: %2</source>
        <translation>No existe el entorno &quot;%1&quot;. Entornos: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>The cluster %1 did not answer within %2 s.</source>
        <translation>El clúster %1 no respondió en %2 s.</translation>
    </message>
</context>
<context>
    <name>driftline::engine::DriftStatus</name>
    <message>
        <location filename="../src/engine/driftstatus.cpp" line="+67"/>
        <source>Synced</source>
        <translation>Sincronizado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OutOfSync</source>
        <translation>Desincronizado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extraneous</source>
        <translation>Sobrante</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The cluster is still being read.</source>
        <translation>Todavía se está leyendo el clúster.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Still rendering.</source>
        <translation>Todavía se está renderizando.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not in the cluster.</source>
        <translation>No está en el clúster.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>In the cluster, tracked by %1, but not in Git.</source>
        <translation>Está en el clúster, rastreado por %1, pero no en Git.</translation>
    </message>
</context>
<context>
    <name>driftline::engine::GraphLayout</name>
    <message>
        <location filename="../src/engine/graphlayout.cpp" line="+79"/>
        <source>Graphviz could not be started.</source>
        <translation>No se pudo iniciar Graphviz.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Graphviz could not create a graph.</source>
        <translation>Graphviz no pudo crear un grafo.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Graphviz could not create the node %1.</source>
        <translation>Graphviz no pudo crear el nodo %1.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Graphviz could not create the edge %1 → %2.</source>
        <translation>Graphviz no pudo crear la arista %1 → %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Graphviz could not lay out the graph.</source>
        <translation>Graphviz no pudo disponer el grafo.</translation>
    </message>
</context>
<context>
    <name>driftline::engine::GraphSvg</name>
    <message>
        <location filename="../src/engine/graphsvg.cpp" line="+126"/>
        <source>contains</source>
        <translation>contiene</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>owns</source>
        <translation>posee</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>uses</source>
        <translation>usa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>selects</source>
        <translation>selecciona</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>routes to</source>
        <translation>enruta a</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>scales</source>
        <translation>escala</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>binds</source>
        <translation>vincula</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>External</source>
        <translation>Externo</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>not in the cluster</source>
        <translation>no está en el clúster</translation>
    </message>
</context>
<context>
    <name>driftline::engine::HealthAssessor</name>
    <message>
        <location filename="../src/engine/health.cpp" line="+101"/>
        <source>Deployment is paused</source>
        <translation>El Deployment está en pausa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for rollout to finish: observed deployment generation less than desired generation</source>
        <translation>Esperando a que termine el despliegue: la generación observada del deployment es menor que la deseada</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deployment &quot;%1&quot; exceeded its progress deadline</source>
        <translation>El Deployment &quot;%1&quot; superó su plazo de progreso</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting for rollout to finish: %1 out of %2 new replicas have been updated...</source>
        <translation>Esperando a que termine el despliegue: se han actualizado %1 de %2 réplicas nuevas...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for rollout to finish: %1 old replicas are pending termination...</source>
        <translation>Esperando a que termine el despliegue: %1 réplicas antiguas pendientes de terminar...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for rollout to finish: %1 of %2 updated replicas are available...</source>
        <translation>Esperando a que termine el despliegue: %1 de %2 réplicas actualizadas están disponibles...</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Waiting for statefulset spec update to be observed...</source>
        <translation>Esperando a que se observe la actualización de la spec del statefulset...</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting for %1 pods to be ready...</source>
        <translation>Esperando a que %1 pods estén listos...</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>statefulset has %1 ready pods</source>
        <translation>el statefulset tiene %1 pods listos</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting for partitioned roll out to finish: %1 out of %2 new pods have been updated...</source>
        <translation>Esperando a que termine el despliegue particionado: se han actualizado %1 de %2 pods nuevos...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>partitioned roll out complete: %1 new pods have been updated...</source>
        <translation>despliegue particionado completado: se han actualizado %1 pods nuevos...</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>waiting for statefulset rolling update to complete %1 pods at revision %2...</source>
        <translation>esperando a que se complete la actualización progresiva del statefulset: %1 pods en la revisión %2...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>statefulset rolling update complete %1 pods at revision %2...</source>
        <translation>actualización progresiva del statefulset completada: %1 pods en la revisión %2...</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting for rollout to finish: observed daemon set generation less than desired generation</source>
        <translation>Esperando a que termine el despliegue: la generación observada del daemon set es menor que la deseada</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>daemon set %1 out of %2 new pods have been updated</source>
        <translation>daemon set: se han actualizado %1 de %2 pods nuevos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for daemon set &quot;%1&quot; rollout to finish: %2 out of %3 new pods have been updated...</source>
        <translation>Esperando a que termine el despliegue del daemon set &quot;%1&quot;: se han actualizado %2 de %3 pods nuevos...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for daemon set &quot;%1&quot; rollout to finish: %2 of %3 updated pods are available...</source>
        <translation>Esperando a que termine el despliegue del daemon set &quot;%1&quot;: %2 de %3 pods actualizados están disponibles...</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Waiting for rollout to finish: observed replica set generation less than desired generation</source>
        <translation>Esperando a que termine el despliegue: la generación observada del replica set es menor que la deseada</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting for rollout to finish: %1 out of %2 new replicas are available...</source>
        <translation>Esperando a que termine el despliegue: %1 de %2 réplicas nuevas están disponibles...</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pending deletion</source>
        <translation>Pendiente de eliminación</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>container &quot;%1&quot; terminated: %2</source>
        <translation>el contenedor &quot;%1&quot; terminó: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Waiting for the load balancer to get an address</source>
        <translation>Esperando a que el balanceador de carga obtenga una dirección</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting for the ingress to get an address</source>
        <translation>Esperando a que el ingress obtenga una dirección</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Waiting for the claim to be bound</source>
        <translation>Esperando a que el claim quede vinculado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The claim lost its volume</source>
        <translation>El claim perdió su volumen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Job is suspended</source>
        <translation>El Job está suspendido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job is running</source>
        <translation>El Job está en ejecución</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CronJob is suspended</source>
        <translation>El CronJob está suspendido</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CronJob has not run yet</source>
        <translation>El CronJob aún no se ha ejecutado</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Waiting to autoscale</source>
        <translation>Esperando al escalado automático</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Waiting for the API service to become available</source>
        <translation>Esperando a que el servicio de API esté disponible</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+23"/>
        <source>Waiting for the controller to observe the latest generation</source>
        <translation>Esperando a que el controlador observe la última generación</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Reconciliation is suspended</source>
        <translation>La reconciliación está suspendida</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting for the first reconciliation</source>
        <translation>Esperando la primera reconciliación</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Resource is not in the cluster</source>
        <translation>El recurso no está en el clúster</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The status of this resource cannot be read</source>
        <translation>No se puede leer el estado de este recurso</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Healthy</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Progressing</source>
        <translation>En curso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Degraded</source>
        <translation>Degradado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Suspended</source>
        <translation>Suspendido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
</context>
<context>
    <name>driftline::engine::LiveRevision</name>
    <message>
        <location filename="../src/engine/liverevision.cpp" line="+18"/>
        <source>live revision unknown</source>
        <translation>revisión en vivo desconocida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>live = %1</source>
        <translation>en vivo = %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>live ≈ %1, %n resource(s) differ</source>
        <translation>
            <numerusform>en vivo ≈ %1, %n recurso difiere</numerusform>
            <numerusform>en vivo ≈ %1, %n recursos difieren</numerusform>
        </translation>
    </message>
    <message>
        <location line="+58"/>
        <source>The cluster of %1 has not been read completely yet.</source>
        <translation>El clúster de %1 todavía no se ha leído por completo.</translation>
    </message>
</context>
<context>
    <name>driftline::engine::PinnedRevisions</name>
    <message>
        <location filename="../src/engine/pinnedrevisions.cpp" line="+80"/>
        <source>Cannot read the pinned revisions: %1</source>
        <translation>No se pueden leer las revisiones fijadas: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The pinned revisions file is not valid JSON.</source>
        <translation>El archivo de revisiones fijadas no es JSON válido.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot create the folder for the pinned revisions.</source>
        <translation>No se puede crear la carpeta de las revisiones fijadas.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>Cannot write the pinned revisions: %1</source>
        <translation>No se pueden escribir las revisiones fijadas: %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>A pin needs an environment, an application and a commit.</source>
        <translation>Una fijación necesita un entorno, una aplicación y un commit.</translation>
    </message>
</context>
<context>
    <name>driftline::engine::Quantity</name>
    <message>
        <location filename="../src/engine/quantity.cpp" line="+33"/>
        <source>&quot;%1&quot; is not a valid resource quantity</source>
        <translation>&quot;%1&quot; no es una cantidad de recursos válida</translation>
    </message>
</context>
<context>
    <name>driftline::engine::ResourceDiff</name>
    <message>
        <location filename="../src/engine/resourcediff.cpp" line="+30"/>
        <source>comparison cancelled</source>
        <translation>comparación cancelada</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>{1 key}</source>
        <translation>{1 clave}</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>{%n keys}</source>
        <translation>
            <numerusform>{%n clave}</numerusform>
            <numerusform>{%n claves}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[1 item]</source>
        <translation>[1 elemento]</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>[%n items]</source>
        <translation>
            <numerusform>[%n elemento]</numerusform>
            <numerusform>[%n elementos]</numerusform>
        </translation>
    </message>
    <message>
        <location line="+158"/>
        <location line="+19"/>
        <source>(whole object)</source>
        <translation>(objeto completo)</translation>
    </message>
</context>
<context>
    <name>driftline::engine::ResourceGraph</name>
    <message>
        <location filename="../src/engine/resourcegraph.cpp" line="+526"/>
        <source>Referenced by %1, but neither in Git nor in the cluster.</source>
        <translation>Referenciado por %1, pero no está ni en Git ni en el clúster.</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>%1 %2</source>
        <comment>a folded group: count and kind</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>%1 more · %2</source>
        <comment>a summary of hidden resources: count and how they are</comment>
        <translation>%1 más · %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>healthy</source>
        <translation>correctos</translation>
    </message>
</context>
<context>
    <name>driftline::engine::RollbackPlanner</name>
    <message>
        <location filename="../src/engine/rollbackplanner.cpp" line="+18"/>
        <source>revision %1</source>
        <translation>revisión %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>render %1 at %2</source>
        <translation>renderizar %1 en %2</translation>
    </message>
</context>
<context>
    <name>driftline::engine::SyncOperation</name>
    <message>
        <location filename="../src/engine/syncoperation.cpp" line="+51"/>
        <source>The request was cancelled.</source>
        <translation>Se canceló la solicitud.</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>prune %1 (%2 of %3)</source>
        <translation>podar %1 (%2 de %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>apply %1 (%2 of %3)</source>
        <translation>aplicar %1 (%2 de %3)</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Not checked by the server: Namespace %1 does not exist yet.</source>
        <translation>No comprobado por el servidor: el Namespace %1 todavía no existe.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not checked by the server: its CustomResourceDefinition does not exist yet.</source>
        <translation>No comprobado por el servidor: su CustomResourceDefinition todavía no existe.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>%1 was applied but not established within %2 s.</source>
        <translation>%1 se aplicó, pero no quedó establecido en %2 s.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Already gone.</source>
        <translation>Ya no existe.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>created</source>
        <translation>creado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>configured</source>
        <translation>configurado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unchanged</source>
        <translation>sin cambios</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pruned</source>
        <translation>podado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not run</source>
        <translation>no ejecutado</translation>
    </message>
</context>
<context>
    <name>driftline::engine::SyncPlan</name>
    <message>
        <location filename="../src/engine/syncplan.cpp" line="+209"/>
        <source>create</source>
        <translation>crear</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>update</source>
        <translation>actualizar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>re-apply</source>
        <translation>volver a aplicar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>prune</source>
        <translation>podar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>leave alone</source>
        <translation>no tocar</translation>
    </message>
</context>
<context>
    <name>driftline::engine::TextDiff</name>
    <message>
        <location filename="../src/engine/textdiff.cpp" line="+18"/>
        <source>comparison cancelled</source>
        <translation>comparación cancelada</translation>
    </message>
</context>
<context>
    <name>driftline::git::LineDiff</name>
    <message>
        <location filename="../src/git/linediff.cpp" line="+63"/>
        <source>cannot compare two texts</source>
        <translation>no se pueden comparar dos textos</translation>
    </message>
</context>
<context>
    <name>driftline::git::Repository</name>
    <message>
        <location filename="../src/git/repository.cpp" line="+121"/>
        <source>no git repository at %1</source>
        <translation>no hay ningún repositorio Git en %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot open the git repository at %1</source>
        <translation>no se puede abrir el repositorio Git en %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>cannot create a git repository at %1</source>
        <translation>no se puede crear un repositorio Git en %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cannot clone %1: %2 already exists and is not an empty folder</source>
        <translation>no se puede clonar %1: %2 ya existe y no es una carpeta vacía</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>clone cancelled</source>
        <translation>clonación cancelada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot clone %1</source>
        <translation>no se puede clonar %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>cannot fetch: no remote named &apos;%1&apos;</source>
        <translation>no se puede hacer fetch: no hay ningún remoto llamado &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>fetch cancelled</source>
        <translation>fetch cancelado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot fetch %1 from %2</source>
        <translation>no se puede hacer fetch de %1 desde %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+38"/>
        <source>cannot list branches</source>
        <translation>no se pueden listar las ramas</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>cannot read the name of %1</source>
        <translation>no se puede leer el nombre de %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+3"/>
        <source>cannot read the upstream of %1</source>
        <translation>no se puede leer la rama upstream de %1</translation>
    </message>
    <message>
        <location filename="../src/git/historywalker.cpp" line="+86"/>
        <location line="+40"/>
        <location line="+98"/>
        <location filename="../src/git/repository.cpp" line="+28"/>
        <source>cannot read commit %1</source>
        <translation>no se puede leer el commit %1</translation>
    </message>
    <message>
        <location filename="../src/git/repository.cpp" line="+8"/>
        <source>revision &apos;%1&apos; not found in %2</source>
        <translation>no se encuentra la revisión &apos;%1&apos; en %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot resolve revision &apos;%1&apos; in %2</source>
        <translation>no se puede resolver la revisión &apos;%1&apos; en %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>revision &apos;%1&apos; in %2 does not name a commit</source>
        <translation>la revisión &apos;%1&apos; en %2 no corresponde a un commit</translation>
    </message>
    <message>
        <location filename="../src/git/historywalker.cpp" line="-128"/>
        <location line="+34"/>
        <location line="+28"/>
        <location line="+40"/>
        <location filename="../src/git/repository.cpp" line="+10"/>
        <location line="+58"/>
        <location line="+510"/>
        <source>cannot read the tree of %1</source>
        <translation>no se puede leer el árbol de %1</translation>
    </message>
    <message>
        <location filename="../src/git/repository.cpp" line="-560"/>
        <location line="+55"/>
        <source>&apos;%1&apos; not found at %2</source>
        <translation>no se encuentra &apos;%1&apos; en %2</translation>
    </message>
    <message>
        <location line="-52"/>
        <location line="+10"/>
        <source>cannot read &apos;%1&apos;</source>
        <translation>no se puede leer &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>&apos;%1&apos; is not a folder</source>
        <translation>&apos;%1&apos; no es una carpeta</translation>
    </message>
    <message>
        <location filename="../src/git/historywalker.cpp" line="-93"/>
        <location filename="../src/git/repository.cpp" line="+48"/>
        <location line="+597"/>
        <location line="+23"/>
        <source>cannot read &apos;%1&apos; at %2</source>
        <translation>no se puede leer &apos;%1&apos; en %2</translation>
    </message>
    <message>
        <location filename="../src/git/repository.cpp" line="-538"/>
        <source>cannot list &apos;%1&apos; at %2</source>
        <translation>no se puede listar &apos;%1&apos; en %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>cannot read a file without a path</source>
        <translation>no se puede leer un archivo sin ruta</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; is not a file at %2</source>
        <translation>&apos;%1&apos; no es un archivo en %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+13"/>
        <source>&apos;%1&apos; is not an object id</source>
        <translation>&apos;%1&apos; no es un id de objeto</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+19"/>
        <source>cannot read blob %1</source>
        <translation>no se puede leer el blob %1</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>cannot open the object database</source>
        <translation>no se puede abrir la base de datos de objetos</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not a blob</source>
        <translation>%1 no es un blob</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>cannot read the status of %1</source>
        <translation>no se puede leer el estado de %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+58"/>
        <source>cannot commit in the bare repository %1</source>
        <translation>no se puede hacer commit en el repositorio bare %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot open the index of %1</source>
        <translation>no se puede abrir el índice de %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot stage the changes in %1</source>
        <translation>no se pueden preparar los cambios de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot stage the deletions in %1</source>
        <translation>no se pueden preparar las eliminaciones de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot write the index of %1</source>
        <translation>no se puede escribir el índice de %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot write the tree of %1</source>
        <translation>no se puede escribir el árbol de %1</translation>
    </message>
    <message numerus="yes">
        <location line="+132"/>
        <source> and %n more</source>
        <translation>
            <numerusform> y %n más</numerusform>
            <numerusform> y %n más</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot %1: uncommitted changes in %2; commit or discard them first</source>
        <translation>no se puede %1: hay cambios sin commit en %2; haga commit o descártelos primero</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>cannot compare the trees</source>
        <translation>no se pueden comparar los árboles</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>committed %1, but cannot update the working tree of %2</source>
        <translation>se hizo commit de %1, pero no se puede actualizar el árbol de trabajo de %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cannot read tree %1</source>
        <translation>no se puede leer el árbol %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no paths to restore</source>
        <translation>no hay rutas que restaurar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not a path inside the repository</source>
        <translation>%1 no es una ruta dentro del repositorio</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>cannot restore files in %1: the current branch has no commit yet</source>
        <translation>no se pueden restaurar archivos en %1: la rama actual todavía no tiene ningún commit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restore %1 from %2</source>
        <translation>restaurar %1 desde %2</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>&apos;%1&apos; is neither at HEAD nor at %2</source>
        <translation>&apos;%1&apos; no está ni en HEAD ni en %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>nothing to commit: %1 already matches %2 there</source>
        <translation>no hay nada de que hacer commit: %1 ya coincide allí con %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>no commits to revert</source>
        <translation>no hay commits que revertir</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot revert in %1: the current branch has no commit yet</source>
        <translation>no se puede revertir en %1: la rama actual todavía no tiene ningún commit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cannot revert %1: it is the first commit</source>
        <translation>no se puede revertir %1: es el primer commit</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>cannot read the parent of %1</source>
        <translation>no se puede leer el padre de %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>cannot revert %1</source>
        <translation>no se puede revertir %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cannot revert %1: it conflicts with later changes to %2; nothing was written</source>
        <translation>no se puede revertir %1: entra en conflicto con cambios posteriores en %2; no se escribió nada</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot write the tree of the revert</source>
        <translation>no se puede escribir el árbol del revert</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>nothing to commit: HEAD already undoes those commits</source>
        <translation>no hay nada de que hacer commit: HEAD ya deshace esos commits</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>revert</source>
        <translation>revertir</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>cannot push: HEAD is not on a branch; name the branch to push</source>
        <translation>no se puede hacer push: HEAD no está en una rama; indique la rama que quiere enviar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot push: no remote named &apos;%1&apos;</source>
        <translation>no se puede hacer push: no hay ningún remoto llamado &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cannot push %1 to %2</source>
        <translation>no se puede hacer push de %1 a %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>push cancelled</source>
        <translation>push cancelado</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot push %1 to %2: the remote has commits on %1 that you do not have; fetch first, then push again</source>
        <translation>no se puede hacer push de %1 a %2: el remoto tiene commits en %1 que usted no tiene; haga fetch primero y vuelva a hacer push</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 refused the push of %2: %3</source>
        <translation>%1 rechazó el push de %2: %3</translation>
    </message>
    <message>
        <location line="-546"/>
        <source>cannot read the new tree</source>
        <translation>no se puede leer el árbol nuevo</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+4"/>
        <source>cannot read HEAD of %1</source>
        <translation>no se puede leer el HEAD de %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>invalid author &apos;%1 &lt;%2&gt;&apos;</source>
        <translation>autor no válido &apos;%1 &lt;%2&gt;&apos;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cannot commit in %1</source>
        <translation>no se puede hacer commit en %1</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>cannot commit in %1: HEAD is detached (not on a branch); check out a branch first</source>
        <translation>no se puede hacer commit en %1: HEAD está desacoplado (no está en ninguna rama); cambie antes a una rama</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot commit in %1 while a merge, rebase, cherry-pick or revert is in progress</source>
        <translation>no se puede hacer commit en %1 mientras haya un merge, rebase, cherry-pick o revert en curso</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>no files to commit</source>
        <translation>no hay archivos de los que hacer commit</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is not a file inside the working tree %2</source>
        <translation>%1 no es un archivo dentro del árbol de trabajo %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is a folder; name the files to commit</source>
        <translation>%1 es una carpeta; indique los archivos de los que hacer commit</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+227"/>
        <source>cannot create an index</source>
        <translation>no se puede crear un índice</translation>
    </message>
    <message>
        <location line="-222"/>
        <location line="+3"/>
        <location line="+222"/>
        <source>cannot read the tree of HEAD</source>
        <translation>no se puede leer el árbol de HEAD</translation>
    </message>
    <message>
        <location line="-210"/>
        <source>%1 is neither in the working tree nor in HEAD</source>
        <translation>%1 no está ni en el árbol de trabajo ni en HEAD</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+225"/>
        <source>cannot remove %1 from the commit</source>
        <translation>no se puede quitar %1 del commit</translation>
    </message>
    <message>
        <location line="-219"/>
        <source>%1 is a symbolic link; Driftline commits only regular files</source>
        <translation>%1 es un enlace simbólico; Driftline solo hace commit de archivos normales</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot read %1</source>
        <translation>no se puede leer %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+234"/>
        <source>cannot add %1 to the commit</source>
        <translation>no se puede añadir %1 al commit</translation>
    </message>
    <message>
        <location line="-228"/>
        <location line="+253"/>
        <source>cannot write the tree of the commit</source>
        <translation>no se puede escribir el árbol del commit</translation>
    </message>
    <message>
        <location line="-244"/>
        <source>committed %1, but cannot update the index of %2</source>
        <translation>se ha hecho commit de %1, pero no se puede actualizar el índice de %2</translation>
    </message>
    <message>
        <location filename="../src/git/historywalker.cpp" line="-33"/>
        <location line="+3"/>
        <location line="+137"/>
        <location line="+17"/>
        <source>cannot walk the history</source>
        <translation>no se puede recorrer el historial</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>cannot walk the history from %1</source>
        <translation>no se puede recorrer el historial desde %1</translation>
    </message>
    <message>
        <location line="+72"/>
        <location line="+37"/>
        <source>cannot read the parents of %1</source>
        <translation>no se pueden leer los padres de %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cannot look for renames in %1</source>
        <translation>no se pueden detectar los cambios de nombre en %1</translation>
    </message>
    <message>
        <location filename="../src/git/transfercallbacks.cpp" line="+32"/>
        <source>Receiving objects</source>
        <translation>Recibiendo objetos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolving deltas</source>
        <translation>Resolviendo deltas</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Writing objects</source>
        <translation>Escribiendo objetos</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Checking out files (%1/%2)</source>
        <translation>Extrayendo archivos (%1/%2)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>authentication to %1 failed: the server refused the user name and password git&apos;s credential helper gave</source>
        <translation>falló la autenticación en %1: el servidor rechazó el nombre de usuario y la contraseña que dio el credential helper de git</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>authentication to %1 failed: ssh-agent offered no key the server accepts</source>
        <translation>falló la autenticación en %1: ssh-agent no ofreció ninguna clave que acepte el servidor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>authentication to %1 failed: no ssh key is available</source>
        <translation>falló la autenticación en %1: no hay ninguna clave SSH disponible</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 asks for a user name and password and git&apos;s credential helper has none; Driftline cannot prompt for them, so store them with git (credential.helper), use an ssh URL with ssh-agent, or put the credentials in the URL</source>
        <translation>%1 pide un nombre de usuario y una contraseña y el credential helper de git no tiene ninguno; Driftline no puede pedirlos, así que guárdelos con git (credential.helper), use una URL ssh con ssh-agent o ponga las credenciales en la URL</translation>
    </message>
</context>
<context>
    <name>driftline::gui::ActivityPanel</name>
    <message>
        <location filename="../src/gui/activitypanel.cpp" line="+45"/>
        <source>Idle</source>
        <translation>Sin actividad</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No problems found.</source>
        <translation>No se han encontrado problemas.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Application</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal</source>
        <translation>Diario</translation>
    </message>
    <message numerus="yes">
        <location line="+77"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problema</numerusform>
            <numerusform>%n problemas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading the repository…</source>
        <translation>Leyendo el repositorio…</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <location line="+18"/>
        <source>Loading %1 of %n application(s)…</source>
        <translation>
            <numerusform>Cargando %1 de %n aplicación…</numerusform>
            <numerusform>Cargando %1 de %n aplicaciones…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Loaded %n application(s) in %1 s</source>
        <translation>
            <numerusform>%n aplicación cargada en %1 s</numerusform>
            <numerusform>%n aplicaciones cargadas en %1 s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The workspace could not be opened.</source>
        <translation>No se ha podido abrir el espacio de trabajo.</translation>
    </message>
</context>
<context>
    <name>driftline::gui::ApplicationSummary</name>
    <message>
        <location filename="../src/gui/applicationsummary.cpp" line="+43"/>
        <source>Rendering…</source>
        <translation>Renderizando…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed to render</source>
        <translation>Error al renderizar</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n resource(s), with problems</source>
        <translation>
            <numerusform>%n recurso, con problemas</numerusform>
            <numerusform>%n recursos, con problemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n recurso</numerusform>
            <numerusform>%n recursos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Cluster server</source>
        <translation>Servidor del clúster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (TLS verification is off)</source>
        <translation>%1 (verificación TLS desactivada)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Context namespace</source>
        <translation>Namespace del contexto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live objects</source>
        <translation>Objetos en vivo</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n object(s) belong to this environment</source>
        <translation>
            <numerusform>%n objeto pertenece a este entorno</numerusform>
            <numerusform>%n objetos pertenecen a este entorno</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No workspace</source>
        <translation>Sin espacio de trabajo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a GitOps repository to see its environments and applications.</source>
        <translation>Abra un repositorio GitOps para ver sus entornos y aplicaciones.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Branch</source>
        <translation>Rama</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(detached HEAD)</source>
        <translation>(HEAD separado)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+36"/>
        <location line="+60"/>
        <source>Revision</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>Definition</source>
        <translation>Definición</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>discovered from the repository layout</source>
        <translation>detectada a partir de la estructura del repositorio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Environments</source>
        <translation>Entornos</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+35"/>
        <source>Applications</source>
        <translation>Aplicaciones</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n problem(s) in the workspace definition</source>
        <translation>
            <numerusform>%n problema en la definición del espacio de trabajo</numerusform>
            <numerusform>%n problemas en la definición del espacio de trabajo</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select an environment, an application or a resource in the tree.</source>
        <translation>Seleccione un entorno, una aplicación o un recurso en el árbol.</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Production environment · %n application(s)</source>
        <translation>
            <numerusform>Entorno de producción · %n aplicación</numerusform>
            <numerusform>Entorno de producción · %n aplicaciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Environment · %n application(s)</source>
        <translation>
            <numerusform>Entorno · %n aplicación</numerusform>
            <numerusform>Entorno · %n aplicaciones</numerusform>
        </translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+4"/>
        <source>Cluster context</source>
        <translation>Contexto del clúster</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>the current kubeconfig context</source>
        <translation>el contexto actual de kubeconfig</translation>
    </message>
    <message>
        <location line="+77"/>
        <location line="+59"/>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <location line="-131"/>
        <location line="+72"/>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <location line="-76"/>
        <location line="+13"/>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>%1 (the workspace revision)</source>
        <translation>%1 (la revisión del espacio de trabajo)</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Application in %1</source>
        <translation>Aplicación en %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path</source>
        <translation>Ruta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found by</source>
        <translation>Detectada por</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Renderer</source>
        <translation>Renderizador</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (from the render cache)</source>
        <translation>%1 (de la caché de renderizado)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Render time</source>
        <translation>Tiempo de renderizado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resources (%1)</source>
        <translation>Recursos (%1)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Problems (%1)</source>
        <translation>Problemas (%1)</translation>
    </message>
</context>
<context>
    <name>driftline::gui::AuditView</name>
    <message>
        <location filename="../src/gui/auditview.cpp" line="+60"/>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rollback</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revert</source>
        <translation>Revert</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+11"/>
        <source>Prune</source>
        <translation>Poda</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Leave alone</source>
        <translation>No tocar</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Configured</source>
        <translation>Configurado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unchanged</source>
        <translation>Sin cambios</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pruned</source>
        <translation>Podado</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+531"/>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <location line="-529"/>
        <source>Not run</source>
        <translation>No ejecutado</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n created</source>
        <translation>
            <numerusform>%n creado</numerusform>
            <numerusform>%n creados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n configured</source>
        <translation>
            <numerusform>%n configurado</numerusform>
            <numerusform>%n configurados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n sin cambios</numerusform>
            <numerusform>%n sin cambios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n pruned</source>
        <translation>
            <numerusform>%n podado</numerusform>
            <numerusform>%n podados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fallido</numerusform>
            <numerusform>%n fallidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n not run</source>
        <translation>
            <numerusform>%n no ejecutado</numerusform>
            <numerusform>%n no ejecutados</numerusform>
        </translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+40"/>
        <location line="+4"/>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applications</source>
        <translation>Aplicaciones</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revision</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results</source>
        <translation>Resultados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location line="+226"/>
        <source>Filter operations</source>
        <translation>Filtrar operaciones</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All kinds</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+249"/>
        <source>All environments</source>
        <translation>Todos los entornos</translation>
    </message>
    <message>
        <location line="-245"/>
        <source>All outcomes</source>
        <translation>Todos los resultados</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed or interrupted</source>
        <translation>Fallidas o interrumpidas</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+447"/>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <location line="-444"/>
        <source>Export as JSON…</source>
        <translation>Exportar como JSON…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as CSV…</source>
        <translation>Exportar como CSV…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No operations yet: syncs, rollbacks and reverts appear here.</source>
        <translation>Todavía no hay operaciones: aquí aparecen las sincronizaciones, los rollbacks y los reverts.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Resource</source>
        <translation>Recurso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show Manifest</source>
        <translation>Mostrar manifiesto</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Succeeded</source>
        <translation>Completada</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aborted</source>
        <translation>Abortada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interrupted</source>
        <translation>Interrumpida</translation>
    </message>
    <message numerus="yes">
        <location line="+68"/>
        <source>%n damaged line(s) skipped</source>
        <translation>
            <numerusform>%n línea dañada omitida</numerusform>
            <numerusform>%n líneas dañadas omitidas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lines of %1 that were cut short or garbled (by a crash, for instance) are left out; the other entries are complete.</source>
        <translation>Las líneas de %1 que quedaron cortadas o corruptas (por ejemplo, por un fallo) se omiten; las demás entradas están completas.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The journal could not be read</source>
        <translation>No se pudo leer el diario</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Choose an operation to see what it did.</source>
        <translation>Elija una operación para ver lo que hizo.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Applications: %1</source>
        <translation>Aplicaciones: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revision: %1</source>
        <translation>Revisión: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Context: %1</source>
        <translation>Contexto: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cluster: %1</source>
        <translation>Clúster: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan: %1</source>
        <translation>Plan: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Options: %1</source>
        <translation>Opciones: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started but never finished: Driftline stopped during the operation, so its results are unknown.</source>
        <translation>Iniciada pero nunca terminada: Driftline se detuvo durante la operación, así que sus resultados son desconocidos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration: %1</source>
        <translation>Duración: %1</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>The journal holds no manifest for this resource.</source>
        <translation>El diario no contiene ningún manifiesto de este recurso.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Export as JSON</source>
        <translation>Exportar como JSON</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export as CSV</source>
        <translation>Exportar como CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON files (*.json)</source>
        <translation>Archivos JSON (*.json)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>driftline::gui::CloneDialog</name>
    <message>
        <location filename="../src/gui/clonedialog.cpp" line="+34"/>
        <source>The folder %1 already exists and is not empty.</source>
        <translation>La carpeta %1 ya existe y no está vacía.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Clone Repository</source>
        <translation>Clonar repositorio</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>https://example.com/org/gitops.git or git@host:org/gitops.git</source>
        <translation>https://example.com/org/gitops.git o git@host:org/gitops.git</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Destination:</source>
        <translation>&amp;Destino:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Clone</source>
        <translation>Clonar</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Clone Into</source>
        <translation>Clonar en</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The clone stopped without a result.</source>
        <translation>La clonación se detuvo sin resultado.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not clone: %1</source>
        <translation>No se ha podido clonar: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cloned into %1.</source>
        <translation>Clonado en %1.</translation>
    </message>
</context>
<context>
    <name>driftline::gui::ClusterConnections</name>
    <message>
        <location filename="../src/gui/clusterconnections.cpp" line="+50"/>
        <source>No cluster context is chosen for %1 (Workspace ▸ Clusters…).</source>
        <translation>No se ha elegido ningún contexto de clúster para %1 (Espacio de trabajo ▸ Clústeres…).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>chosen instead of “%1” from driftline.yaml</source>
        <translation>elegido en lugar de “%1” de driftline.yaml</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the current context</source>
        <translation>el contexto actual</translation>
    </message>
</context>
<context>
    <name>driftline::gui::ContextMappingDialog</name>
    <message>
        <location filename="../src/gui/contextmappingdialog.cpp" line="+46"/>
        <source>Clusters of %1</source>
        <translation>Clústeres de %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the kubeconfig file and the context each environment is compared with. The choice is kept in your settings, not in the repository.</source>
        <translation>Elija el archivo kubeconfig y el contexto con el que se compara cada entorno. La elección se guarda en su configuración, no en el repositorio.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kubeconfig</source>
        <translation>Kubeconfig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Default ($KUBECONFIG or ~/.kube/config)</source>
        <translation>Predeterminado ($KUBECONFIG o ~/.kube/config)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File:</source>
        <translation>Archivo:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No file chosen</source>
        <translation>Ningún archivo elegido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reload</source>
        <translation>Volver a cargar</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Context</source>
        <translation>Contexto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cluster server</source>
        <translation>Servidor del clúster</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Choose a Kubeconfig File</source>
        <translation>Elegir un archivo kubeconfig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*);;YAML files (*.yaml *.yml)</source>
        <translation>Todos los archivos (*);;Archivos YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>No kubeconfig file found (looked for %1).</source>
        <translation>No se ha encontrado ningún archivo kubeconfig (se buscó %1).</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Could not read %1.</source>
        <translation>No se ha podido leer %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read from %1 · current context: %2</source>
        <translation>Leído de %1 · contexto actual: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+25"/>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>%1 (not found)</source>
        <translation>%1 (no encontrado)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>context “%1” not found in %2</source>
        <translation>no se encuentra el contexto “%1” en %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>driftline.yaml names no context: the current context is the default</source>
        <translation>driftline.yaml no indica ningún contexto: el contexto actual es el predeterminado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>driftline.yaml names the context “%1”</source>
        <translation>driftline.yaml indica el contexto “%1”</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cluster “%1” sets insecure-skip-tls-verify: the server&apos;s certificate is not checked, so anyone on the way can read and change the traffic.</source>
        <translation>El clúster “%1” define insecure-skip-tls-verify: no se comprueba el certificado del servidor, así que cualquiera en el camino puede leer y modificar el tráfico.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cluster “%1”</source>
        <translation>Clúster “%1”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not connected</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>From driftline.yaml</source>
        <translation>De driftline.yaml</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From context “%1”</source>
        <translation>Del contexto “%1”</translation>
    </message>
</context>
<context>
    <name>driftline::gui::DiffLayout</name>
    <message numerus="yes">
        <location filename="../src/gui/difflayout.cpp" line="+49"/>
        <source>⋯ %n unchanged lines</source>
        <translation>
            <numerusform>⋯ %n línea sin cambios</numerusform>
            <numerusform>⋯ %n líneas sin cambios</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::DiffOverviewRuler</name>
    <message>
        <location filename="../src/gui/diffoverviewruler.cpp" line="+17"/>
        <source>Every change of the comparison; click to go to one</source>
        <translation>Todos los cambios de la comparación; haga clic para ir a uno</translation>
    </message>
</context>
<context>
    <name>driftline::gui::DiffPane</name>
    <message numerus="yes">
        <location filename="../src/gui/diffpane.cpp" line="+519"/>
        <source>Click to show the %n unchanged lines</source>
        <translation>
            <numerusform>Haga clic para mostrar %n línea sin cambios</numerusform>
            <numerusform>Haga clic para mostrar las %n líneas sin cambios</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>owned by %1</source>
        <translation>propiedad de %1</translation>
    </message>
</context>
<context>
    <name>driftline::gui::EnvironmentTreeModel</name>
    <message>
        <location filename="../src/gui/environmenttreemodel.cpp" line="+343"/>
        <location line="+268"/>
        <source>not in Git</source>
        <translation>no está en Git</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <location line="+45"/>
        <source>%n application(s)</source>
        <translation>
            <numerusform>%n aplicación</numerusform>
            <numerusform>%n aplicaciones</numerusform>
        </translation>
    </message>
    <message>
        <location line="-40"/>
        <source>rendering…</source>
        <translation>renderizando…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>pinned to %1</source>
        <translation>fijado a %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <location line="+2"/>
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n recurso</numerusform>
            <numerusform>%n recursos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-1"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errores</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Context: %1</source>
        <translation>Contexto: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Namespace: %1</source>
        <translation>Namespace: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revision: %1</source>
        <translation>Revisión: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the repository&apos;s HEAD</source>
        <translation>el HEAD del repositorio</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Path: %1</source>
        <translation>Ruta: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found by: %1 (%2)</source>
        <translation>Detectada por: %1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pinned to %1 by a rollback until it is synced to its branch again.</source>
        <translation>Fijado a %1 por un rollback hasta que se vuelva a sincronizar con su rama.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+24"/>
        <source>Sync: %1</source>
        <translation>Sincronización: %1</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+25"/>
        <source>Health: %1</source>
        <translation>Estado de salud: %1</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n %1 resource(s) of API %2</source>
        <translation>
            <numerusform>%n recurso %1 de la API %2</numerusform>
            <numerusform>%n recursos %1 de la API %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n not in Git</source>
        <translation>
            <numerusform>%n no está en Git</numerusform>
            <numerusform>%n no están en Git</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not in Git: the application tracks this object in the cluster, but nothing in the repository renders it.</source>
        <translation>No está en Git: la aplicación rastrea este objeto en el clúster, pero nada en el repositorio lo renderiza.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>changed: %1</source>
        <translation>cambiado: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed: %1 (by %2)</source>
        <translation>cambiado: %1 (por %2)</translation>
    </message>
</context>
<context>
    <name>driftline::gui::GraphMinimap</name>
    <message>
        <location filename="../src/gui/graphminimap.cpp" line="+27"/>
        <source>Overview: click or drag to move the view</source>
        <translation>Vista general: haga clic o arrastre para mover la vista</translation>
    </message>
</context>
<context>
    <name>driftline::gui::GraphNodeItem</name>
    <message>
        <location filename="../src/gui/graphitems.cpp" line="+209"/>
        <source>Application %1</source>
        <translation>Aplicación %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click to expand</source>
        <translation>Doble clic para expandir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Namespace: %1</source>
        <translation>Namespace: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Referenced, but neither in Git nor in the cluster</source>
        <translation>Referenciado, pero no está ni en Git ni en el clúster</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not part of the application</source>
        <translation>No forma parte de la aplicación</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync: %1</source>
        <translation>Sincronización: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Health: %1</source>
        <translation>Salud: %1</translation>
    </message>
</context>
<context>
    <name>driftline::gui::GraphView</name>
    <message>
        <location line="-38"/>
        <source>%1 · missing</source>
        <translation>%1 · ausente</translation>
    </message>
    <message>
        <location filename="../src/gui/graphview.cpp" line="+186"/>
        <source>contains</source>
        <translation>contiene</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>owns</source>
        <translation>posee</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>uses</source>
        <translation>usa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>selects</source>
        <translation>selecciona</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>routes</source>
        <translation>enruta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>scales</source>
        <translation>escala</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>binds</source>
        <translation>vincula</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Find node (Ctrl+F)</source>
        <translation>Buscar nodo (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find a node by name: Enter or F3 for the next match, Shift+F3 for the previous</source>
        <translation>Buscar un nodo por nombre: Intro o F3 para la siguiente coincidencia, Mayús+F3 para la anterior</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+732"/>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <location line="-732"/>
        <source>Dim nodes by kind and status</source>
        <translation>Atenuar nodos por tipo y estado</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Zoom out (-)</source>
        <translation>Alejar (-)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in (+)</source>
        <translation>Acercar (+)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fit the graph to the view (F or 0)</source>
        <translation>Ajustar el grafo a la vista (F o 0)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the graph as a picture</source>
        <translation>Guardar el grafo como imagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export as PNG…</source>
        <translation>Exportar como PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as SVG…</source>
        <translation>Exportar como SVG…</translation>
    </message>
    <message>
        <location line="+438"/>
        <source>Showing %1 and its neighbours only. Right-click › Show Whole Graph to see everything.</source>
        <translation>Se muestran solo %1 y sus vecinos. Clic derecho › Mostrar todo el grafo para verlo todo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Simplified: %L1 resources shown as %L2 nodes — Degraded, Missing and OutOfSync always shown. Double-click a summary to expand it.</source>
        <translation>Simplificado: %L1 recursos mostrados como %L2 nodos; Degradado, Ausente y Desincronizado siempre se muestran. Haga doble clic en un resumen para expandirlo.</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>No match</source>
        <translation>Sin coincidencias</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Filter (%1 dimmed)</source>
        <translation>Filtro (%1 atenuados)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kinds</source>
        <translation>Tipos</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Only these statuses</source>
        <translation>Solo estos estados</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show All</source>
        <translation>Mostrar todo</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Show Diff</source>
        <translation>Mostrar diff</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Expand Group</source>
        <translation>Expandir grupo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show Only Its Neighbours</source>
        <translation>Mostrar solo sus vecinos</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show Whole Graph</source>
        <translation>Mostrar todo el grafo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy Name</source>
        <translation>Copiar nombre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy YAML</source>
        <translation>Copiar YAML</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Secret values are copied masked</source>
        <translation>Los valores de los Secret se copian enmascarados</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sync This Resource</source>
        <translation>Sincronizar este recurso</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+32"/>
        <source>There is no graph to export.</source>
        <translation>No hay ningún grafo que exportar.</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+29"/>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export Graph as PNG</source>
        <translation>Exportar grafo como PNG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export Graph as SVG</source>
        <translation>Exportar grafo como SVG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG drawings (*.svg)</source>
        <translation>Dibujos SVG (*.svg)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export Failed</source>
        <translation>Error al exportar</translation>
    </message>
    <message>
        <location line="-814"/>
        <source>Select an application to see its resource graph.</source>
        <translation>Seleccione una aplicación para ver su grafo de recursos.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+19"/>
        <location line="+64"/>
        <source>Layout…</source>
        <translation>Disponiendo…</translation>
    </message>
    <message>
        <location line="+155"/>
        <source>The graph could not be laid out: %1</source>
        <translation>No se pudo disponer el grafo: %1</translation>
    </message>
</context>
<context>
    <name>driftline::gui::HistoryPanel</name>
    <message>
        <location filename="../src/gui/historypanel.cpp" line="+92"/>
        <source>Commit</source>
        <translation>Commit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the cluster against this revision in the YAML panel</source>
        <translation>Mostrar el clúster frente a esta revisión en el panel YAML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roll back cluster…</source>
        <translation>Rollback del clúster…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply this revision to the cluster, without changing Git</source>
        <translation>Aplicar esta revisión al clúster, sin cambiar Git</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revert in Git…</source>
        <translation>Revertir en Git…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commit the application&apos;s files as they were at this revision</source>
        <translation>Hacer commit de los archivos de la aplicación tal como estaban en esta revisión</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Select an application to see its history.</source>
        <translation>Seleccione una aplicación para ver su historial.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Reading the history of %1…</source>
        <translation>Leyendo el historial de %1…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The history of %1 could not be read: %2</source>
        <translation>No se pudo leer el historial de %1: %2</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No commit touched the files of %1.</source>
        <translation>Ningún commit modificó los archivos de %1.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Finding the live revision…</source>
        <translation>Buscando la revisión en vivo…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cluster of %1 has not been read yet.</source>
        <translation>El clúster de %1 todavía no se ha leído.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>● live</source>
        <translation>● en vivo</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>≈ live (%n differ)</source>
        <translation>
            <numerusform>≈ en vivo (%n difiere)</numerusform>
            <numerusform>≈ en vivo (%n difieren)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>pinned</source>
        <translation>fijada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is pinned to this revision.</source>
        <translation>%1 está fijado a esta revisión.</translation>
    </message>
</context>
<context>
    <name>driftline::gui::IgnoreFieldDialog</name>
    <message>
        <location filename="../src/gui/ignorefielddialog.cpp" line="+63"/>
        <source>Ignore This Field</source>
        <translation>Ignorar este campo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Differences in this field will no longer count as drift for %1. The rule is added to the application&apos;s ignoreDifferences in driftline.yaml.</source>
        <translation>Las diferencias en este campo dejarán de contar como desviación para %1. La regla se añade al ignoreDifferences de la aplicación en driftline.yaml.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Only for this object</source>
        <translation>Solo para este objeto</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only for %1</source>
        <translation>Solo para %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Commit driftline.yaml</source>
        <translation>Hacer commit de driftline.yaml</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Write</source>
        <translation>Escribir</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Driftline cannot open the repository to commit: %1</source>
        <translation>Driftline no puede abrir el repositorio para hacer commit: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HEAD is not on a branch, so Driftline will not commit.</source>
        <translation>HEAD no está en ninguna rama, así que Driftline no hará commit.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Driftline cannot read the repository&apos;s status: %1</source>
        <translation>Driftline no puede leer el estado del repositorio: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>driftline.yaml already has uncommitted changes, so Driftline will not commit it for you.</source>
        <translation>driftline.yaml ya tiene cambios sin commit, así que Driftline no hará el commit por usted.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>This line names no field: choose a line that holds a value.</source>
        <translation>Esta línea no indica ningún campo: elija una línea que contenga un valor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 was found as %2 (%3), not declared in driftline.yaml. Driftline writes rules only to driftline.yaml: declare the application there, or add the rule where it is defined.</source>
        <translation>%1 se detectó como %2 (%3) y no está declarada en driftline.yaml. Driftline solo escribe reglas en driftline.yaml: declare allí la aplicación o añada la regla donde esté definida.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no driftline.yaml in the working tree %1. Driftline writes rules only to a workspace&apos;s driftline.yaml.</source>
        <translation>No hay ningún driftline.yaml en el árbol de trabajo %1. Driftline solo escribe reglas en el driftline.yaml de un espacio de trabajo.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>(no field)</source>
        <translation>(ningún campo)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The rule applies to %1 in every environment its entry in driftline.yaml covers: %2.</source>
        <translation>La regla se aplica a %1 en todos los entornos que cubre su entrada en driftline.yaml: %2.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>It hides no line of this diff.</source>
        <translation>No oculta ninguna línea de este diff.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>It hides these lines of this diff (%n row(s)):</source>
        <translation>
            <numerusform>Oculta esta línea de este diff (%n fila):</numerusform>
            <numerusform>Oculta estas líneas de este diff (%n filas):</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writes nothing: the repository has no working tree.</source>
        <translation>No escribe nada: el repositorio no tiene árbol de trabajo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writes to %1</source>
        <translation>Escribe en %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The rule is written but takes effect once driftline.yaml is committed.</source>
        <translation>La regla se escribe, pero no tendrá efecto hasta que se haga commit de driftline.yaml.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Driftline reads committed files: the rule takes effect once driftline.yaml is committed.</source>
        <translation>Driftline lee los archivos con commit: la regla tendrá efecto cuando se haga commit de driftline.yaml.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Commits only driftline.yaml, as &quot;%1&quot;.</source>
        <translation>Solo hace commit de driftline.yaml, con el mensaje &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Nothing was written: %1</source>
        <translation>No se ha escrito nada: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The rule was written to %1 but not committed: %2. It takes effect once driftline.yaml is committed.</source>
        <translation>La regla se ha escrito en %1, pero no se ha hecho commit: %2. Tendrá efecto cuando se haga commit de driftline.yaml.</translation>
    </message>
</context>
<context>
    <name>driftline::gui::MainWindow</name>
    <message>
        <location filename="../src/gui/mainwindow.cpp" line="+87"/>
        <location line="+415"/>
        <source>Driftline</source>
        <translation>Driftline</translation>
    </message>
    <message>
        <location line="-294"/>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Graph</source>
        <translation>Grafo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Operations</source>
        <translation>Operaciones</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&amp;Open Repository…</source>
        <translation>&amp;Abrir repositorio…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Clone…</source>
        <translation>&amp;Clonar…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Demo</source>
        <translation>Abrir la &amp;demostración</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Environment Tree</source>
        <translation>Árbol de &amp;entornos</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;YAML Panel</source>
        <translation>Panel &amp;YAML</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Clusters…</source>
        <translation>&amp;Clústeres…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Sync…</source>
        <translation>&amp;Sincronizar…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync the selected environment, application or resource with Git</source>
        <translation>Sincronizar con Git el entorno, la aplicación o el recurso seleccionado</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;About Driftline</source>
        <translation>&amp;Acerca de Driftline</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Activity</source>
        <translation>Ac&amp;tividad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Workspace</source>
        <translation>&amp;Espacio de trabajo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Operations</source>
        <translation>&amp;Operaciones</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>No recent workspaces</source>
        <translation>No hay espacios de trabajo recientes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear List</source>
        <translation>Vaciar la lista</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open Repository</source>
        <translation>Abrir repositorio</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>About Driftline</source>
        <translation>Acerca de Driftline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Driftline %1&lt;/h3&gt;&lt;p&gt;Shows what a GitOps repository deploys to each environment, and where the clusters drift from it.&lt;/p&gt;&lt;p&gt;Built with Qt %2, libgit2, yaml-cpp and KDE Syntax Highlighting.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Driftline %1&lt;/h3&gt;&lt;p&gt;Muestra lo que un repositorio GitOps despliega en cada entorno y dónde se desvían de él los clústeres.&lt;/p&gt;&lt;p&gt;Creado con Qt %2, libgit2, yaml-cpp y KDE Syntax Highlighting.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose cluster context…</source>
        <translation>Elegir el contexto del clúster…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compare with Revision…</source>
        <translation>Comparar con una revisión…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare with Environment</source>
        <translation>Comparar con un entorno</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+133"/>
        <source>Sync…</source>
        <translation>Sincronizar…</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Preparing the demo workspace…</source>
        <translation>Preparando el espacio de trabajo de demostración…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The demo could not be prepared</source>
        <translation>No se ha podido preparar la demostración</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 — Driftline</source>
        <translation>%1 — Driftline</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Revert committed</source>
        <translation>Reversión confirmada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The revert of %1 is committed (%2). Sync %3 now to apply it to the cluster?</source>
        <translation>La reversión de %1 está confirmada (%2). ¿Sincronizar %3 ahora para aplicarla al clúster?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Later</source>
        <translation>Más tarde</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The workspace could not be loaded: %1</source>
        <translation>No se ha podido cargar el espacio de trabajo: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The workspace could not be opened</source>
        <translation>No se ha podido abrir el espacio de trabajo</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>detached HEAD</source>
        <translation>HEAD separado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Branch: %1</source>
        <translation>Rama: %1</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>%1 is still rendering…</source>
        <translation>%1 todavía se está renderizando…</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>Select a resource in the tree to compare it with the cluster.</source>
        <translation>Seleccione un recurso en el árbol para compararlo con el clúster.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+169"/>
        <location line="+52"/>
        <source>Git · %1</source>
        <translation>Git · %1</translation>
    </message>
    <message>
        <location line="-220"/>
        <source>Git · %1 · %2</source>
        <translation>Git · %1 · %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+37"/>
        <location line="+183"/>
        <source>Live · %1</source>
        <translation>En vivo · %1</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>Git · not in Git (made in the cluster)</source>
        <translation>Git · no está en Git (creado en el clúster)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live only</source>
        <translation>Solo en vivo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is no longer in the cluster.</source>
        <translation>%1 ya no está en el clúster.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Reading the history of %1…</source>
        <translation>Leyendo el historial de %1…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The history could not be read</source>
        <translation>No se ha podido leer el historial</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Compare with Revision</source>
        <translation>Comparar con una revisión</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>No commit changed %1.</source>
        <translation>Ningún commit ha modificado %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1  %2  (%3, %4)</source>
        <translation>%1  %2  (%3, %4)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare %1 as it is now with the revision:</source>
        <translation>Comparar %1 tal como está ahora con la revisión:</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+45"/>
        <location line="+431"/>
        <source>Rendering %1 at %2…</source>
        <translation>Renderizando %1 en %2…</translation>
    </message>
    <message>
        <location line="-462"/>
        <location line="+46"/>
        <source>%1 could not be rendered at %2: %3</source>
        <translation>No se ha podido renderizar %1 en %2: %3</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Git · %1 (current)</source>
        <translation>Git · %1 (actual)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+101"/>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>The cluster of %1 is not connected.</source>
        <translation>El clúster de %1 no está conectado.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: %2 → live</source>
        <translation>%1: %2 → en vivo</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+1"/>
        <source>%1 · Git</source>
        <translation>%1 · Git</translation>
    </message>
    <message>
        <location line="+225"/>
        <location line="+203"/>
        <source>%1 cannot be synced</source>
        <translation>%1 no se puede sincronizar</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>The workspace has no environment %1.</source>
        <translation>El espacio de trabajo no tiene ningún entorno %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not connected to its cluster: %2</source>
        <translation>%1 no está conectado a su clúster: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is still being read from its cluster; try again in a moment.</source>
        <translation>Todavía se está leyendo %1 de su clúster; vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 is still rendering; try again in a moment.</source>
        <translation>%1 todavía se está renderizando; vuelva a intentarlo en un momento.</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n resources</source>
        <translation>
            <numerusform>%n recurso</numerusform>
            <numerusform>%n recursos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n applications</source>
        <translation>
            <numerusform>%n aplicación</numerusform>
            <numerusform>%n aplicaciones</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Planning the sync of %1…</source>
        <translation>Planificando la sincronización de %1…</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+45"/>
        <source>%1 cannot be rolled back</source>
        <translation>No se puede hacer rollback de %1</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>%1 has no application %2.</source>
        <translation>%1 no tiene ninguna aplicación %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not connected to its cluster, or still being read: %2</source>
        <translation>%1 no está conectado a su clúster, o todavía se está leyendo: %2</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 · since %2</source>
        <translation>%1 · desde %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (dry run)</source>
        <translation>%1 (ejecución de prueba)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 is not connected to its cluster.</source>
        <translation>%1 no está conectado a su clúster.</translation>
    </message>
    <message>
        <location line="-1469"/>
        <location line="+791"/>
        <location line="+269"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-267"/>
        <source>Reading %1 from the cluster…</source>
        <translation>Leyendo %1 del clúster…</translation>
    </message>
    <message>
        <location line="+339"/>
        <source>Timed out waiting for the workspace to load.</source>
        <translation>Se agotó el tiempo de espera de la carga del espacio de trabajo.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not write the screenshot to %1.</source>
        <translation>No se ha podido escribir la captura de pantalla en %1.</translation>
    </message>
</context>
<context>
    <name>driftline::gui::OperationQueue</name>
    <message>
        <location filename="../src/gui/operationqueue.cpp" line="+184"/>
        <source>Stopping after the current resource…</source>
        <translation>Deteniendo tras el recurso actual…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Retry: %1</source>
        <translation>Reintentar: %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation>En ejecución</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
</context>
<context>
    <name>driftline::gui::OperationsPanel</name>
    <message>
        <location filename="../src/gui/operationspanel.cpp" line="+49"/>
        <source>Operation</source>
        <translation>Operación</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry Failed</source>
        <translation>Reintentar fallidos</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Resource</source>
        <translation>Recurso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>Queued behind %1</source>
        <translation>En cola detrás de %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 · %3</source>
        <translation>%1 de %2 · %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (dry run)</source>
        <translation>%1 (ejecución de prueba)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No operations yet</source>
        <translation>Todavía no hay operaciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync an environment, an application or a resource (Ctrl+Shift+S).</source>
        <translation>Sincronice un entorno, una aplicación o un recurso (Ctrl+Mayús+S).</translation>
    </message>
</context>
<context>
    <name>driftline::gui::RevertDialog</name>
    <message>
        <location filename="../src/gui/revertdialog.cpp" line="+83"/>
        <source>Revert in Git</source>
        <translation>Revertir en Git</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading %1 at %2…</source>
        <translation>Leyendo %1 en %2…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revert only this commit (keep the later changes)</source>
        <translation>Revertir solo este commit (conservar los cambios posteriores)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Why this revert (goes into the commit message)</source>
        <translation>Por qué se hace este revert (va en el mensaje del commit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Push to origin</source>
        <translation>Hacer push a origin</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Revert</source>
        <translation>Revertir</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>%1 cannot be reverted to %2: %3</source>
        <translation>%1 no se puede revertir a %2: %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Revert %1 to %2 (%3).</source>
        <translation>Revertir %1 a %2 (%3).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These files have uncommitted changes; Git refuses to revert over them: %1</source>
        <translation>Estos archivos tienen cambios sin commit; Git se niega a revertir sobre ellos: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No file changes: %1 already matches %2 there.</source>
        <translation>Ningún archivo cambia: %1 ya coincide allí con %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n file(s) will change:</source>
        <translation>
            <numerusform>Cambiará %n archivo:</numerusform>
            <numerusform>Cambiarán %n archivos:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Committing and pushing…</source>
        <translation>Haciendo commit y push…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Committing…</source>
        <translation>Haciendo commit…</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Nothing was written: %1</source>
        <translation>No se escribió nada: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Committed %1.</source>
        <translation>Commit %1 creado.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pushed to origin.</source>
        <translation>Push a origin realizado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The push failed, so the commit stays local: %1</source>
        <translation>El push falló, así que el commit se queda en local: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>driftline::gui::SyncDialog</name>
    <message>
        <location filename="../src/gui/syncdialog.cpp" line="+35"/>
        <source>Create (%1)</source>
        <translation>Crear (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update (%1)</source>
        <translation>Actualizar (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Already in sync, applied again (%1)</source>
        <translation>Ya sincronizados, se aplican de nuevo (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prune (%1)</source>
        <translation>Podar (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Left alone (%1)</source>
        <translation>Sin tocar (%1)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Sync %1</source>
        <translation>Sincronizar %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync %1 / %2</source>
        <translation>Sincronizar %1 / %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Resource</source>
        <translation>Recurso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Application</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Dry run (checked by the server, nothing changes)</source>
        <translation>&amp;Ejecución de prueba (la comprueba el servidor, no cambia nada)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Prune</source>
        <translation>&amp;Podar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the objects the cluster tracks for these applications that Git no longer has.</source>
        <translation>Eliminar los objetos que el clúster rastrea para estas aplicaciones y que ya no están en Git.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Force conflicts</source>
        <translation>&amp;Forzar conflictos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take over fields other field managers own.</source>
        <translation>Tomar el control de los campos que poseen otros field managers.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Only out-of-sync</source>
        <translation>&amp;Solo desincronizados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave resources that are already synced alone instead of applying them again.</source>
        <translation>No tocar los recursos que ya están sincronizados en lugar de volver a aplicarlos.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is a production environment. Type its name to confirm:</source>
        <translation>%1 es un entorno de producción. Escriba su nombre para confirmar:</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+239"/>
        <source>Sync</source>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <location line="-223"/>
        <source>Select a resource to see what the sync changes.</source>
        <translation>Seleccione un recurso para ver lo que cambia la sincronización.</translation>
    </message>
    <message numerus="yes">
        <location line="+170"/>
        <source>%n to create</source>
        <translation>
            <numerusform>%n por crear</numerusform>
            <numerusform>%n por crear</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n to update</source>
        <translation>
            <numerusform>%n por actualizar</numerusform>
            <numerusform>%n por actualizar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n to prune</source>
        <translation>
            <numerusform>%n por podar</numerusform>
            <numerusform>%n por podar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n sin cambios</numerusform>
            <numerusform>%n sin cambios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left out</source>
        <translation>
            <numerusform>%n excluido</numerusform>
            <numerusform>%n excluidos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing to sync</source>
        <translation>Nada que sincronizar</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Git · not in Git (pruned)</source>
        <translation>Git · no está en Git (podado)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Git · to apply</source>
        <translation>Git · por aplicar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live · %1</source>
        <translation>En vivo · %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Planning…</source>
        <translation>Planificando…</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 y %n más</numerusform>
            <numerusform>%1 y %n más</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete this object: %1</source>
        <translation>Eliminar este objeto: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete these %n objects: %1</source>
        <translation>
            <numerusform>Eliminar este %n objeto: %1</numerusform>
            <numerusform>Eliminar estos %n objetos: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dry Run</source>
        <translation>Ejecución de prueba</translation>
    </message>
</context>
<context>
    <name>driftline::gui::TreeFilterBar</name>
    <message>
        <location filename="../src/gui/treefilterbar.cpp" line="+55"/>
        <source>Filter environments, applications, resources…</source>
        <translation>Filtrar entornos, aplicaciones, recursos…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shows the items whose name or kind contains this text, with everything below them.</source>
        <translation>Muestra los elementos cuyo nombre o tipo contiene este texto, con todo lo que hay debajo de ellos.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only out of sync</source>
        <translation>Solo desincronizados</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shows only resources that are out of sync, missing from the cluster, not in Git, or whose state is unknown.</source>
        <translation>Muestra solo los recursos desincronizados, ausentes del clúster, que no están en Git o cuyo estado es desconocido.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Shows only resources of this health.</source>
        <translation>Muestra solo los recursos con este estado de salud.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any health</source>
        <translation>Cualquier estado de salud</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Resources shown of all the resources in the tree</source>
        <translation>Recursos mostrados del total de recursos del árbol</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n recurso</numerusform>
            <numerusform>%n recursos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>driftline::gui::WelcomePage</name>
    <message>
        <location filename="../src/gui/welcomepage.cpp" line="+40"/>
        <source>Driftline</source>
        <translation>Driftline</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>See what your GitOps repository deploys, environment by environment.</source>
        <translation>Vea lo que despliega su repositorio GitOps, entorno por entorno.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open repository…</source>
        <translation>Abrir repositorio…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A local Git working copy with Kubernetes manifests.</source>
        <translation>Una copia de trabajo local de Git con manifiestos de Kubernetes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clone…</source>
        <translation>Clonar…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clone a repository from a URL, then open it.</source>
        <translation>Clone un repositorio desde una URL y ábralo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try the demo</source>
        <translation>Probar la demostración</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A small shop with staging and production, four applications and a history.</source>
        <translation>Una pequeña tienda con entornos de staging y producción, cuatro aplicaciones y su historial.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Recent workspaces</source>
        <translation>Espacios de trabajo recientes</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1 no longer exists.</source>
        <translation>%1 ya no existe.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No recent workspaces yet.</source>
        <translation>Aún no hay espacios de trabajo recientes.</translation>
    </message>
</context>
<context>
    <name>driftline::gui::YamlDiffView</name>
    <message>
        <location filename="../src/gui/yamldiffview.cpp" line="+121"/>
        <source>Close Comparison</source>
        <translation>Cerrar comparación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the selected resource, Git against the cluster</source>
        <translation>Volver al recurso seleccionado, Git frente al clúster</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Find in both sides</source>
        <translation>Buscar en ambos lados</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close the find bar (Esc)</source>
        <translation>Cerrar la barra de búsqueda (Esc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find:</source>
        <translation>Buscar:</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Select a resource in the tree to compare it with the cluster.</source>
        <translation>Seleccione un recurso en el árbol para compararlo con el clúster.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Side by Side</source>
        <translation>Lado a lado</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the two sides next to each other</source>
        <translation>Mostrar los dos lados uno junto al otro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unified</source>
        <translation>Unificado</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show one text: removed lines, then added lines</source>
        <translation>Mostrar un solo texto: las líneas eliminadas y, a continuación, las añadidas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Previous Change</source>
        <translation>Cambio anterior</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previous change (Shift+F7, Alt+Up)</source>
        <translation>Cambio anterior (Mayús+F7, Alt+Arriba)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next Change</source>
        <translation>Cambio siguiente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next change (F7, Alt+Down)</source>
        <translation>Cambio siguiente (F7, Alt+Abajo)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Normalized</source>
        <translation>Normalizado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Normalized: server bookkeeping and defaults left out, equal values written alike. Off: the full live object, status included.</source>
        <translation>Normalizado: se omiten los datos de control del servidor y los valores por defecto, y los valores iguales se escriben igual. Desactivado: el objeto en vivo completo, incluido su status.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+885"/>
        <source>Reveal Secret Values</source>
        <translation>Revelar valores del Secret</translation>
    </message>
    <message>
        <location line="-882"/>
        <source>Show this Secret&apos;s values instead of their masks</source>
        <translation>Mostrar los valores de este Secret en lugar de sus máscaras</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copy Left</source>
        <translation>Copiar lado izquierdo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the left side&apos;s YAML as shown</source>
        <translation>Copiar el YAML del lado izquierdo tal como se muestra</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy Right</source>
        <translation>Copiar lado derecho</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the right side&apos;s YAML as shown</source>
        <translation>Copiar el YAML del lado derecho tal como se muestra</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync…</source>
        <translation>Sincronizar…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan a sync of this resource: apply Git&apos;s version to the cluster</source>
        <translation>Planificar una sincronización de este recurso: aplicar al clúster la versión de Git</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find in both sides (Ctrl+F)</source>
        <translation>Buscar en ambos lados (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+238"/>
        <source>Comparing…</source>
        <translation>Comparando…</translation>
    </message>
    <message>
        <location line="-208"/>
        <source>Nothing to compare.</source>
        <translation>No hay nada que comparar.</translation>
    </message>
    <message>
        <location line="+208"/>
        <source>Could not compare: %1</source>
        <translation>No se ha podido comparar: %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Changes: %1</source>
        <translation>Cambios: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>YAML Diff</source>
        <translation>Diff de YAML</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>− %1    + %2</source>
        <translation>− %1    + %2</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>  (only right)</source>
        <translation>  (solo a la derecha)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  (only left)</source>
        <translation>  (solo a la izquierda)</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>  (%n change(s))</source>
        <translation>
            <numerusform>  (%n cambio)</numerusform>
            <numerusform>  (%n cambios)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  (same)</source>
        <translation>  (igual)</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n recurso</numerusform>
            <numerusform>%n recursos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %n differ</source>
        <translation>
            <numerusform>%1 de %n difiere</numerusform>
            <numerusform>%1 de %n difieren</numerusform>
        </translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Live object unavailable</source>
        <translation>Objeto en vivo no disponible</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Right side unavailable</source>
        <translation>Lado derecho no disponible</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not in Git</source>
        <translation>No está en Git</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Only in %1</source>
        <translation>Solo en %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the cluster has this resource, Git does not.</source>
        <translation>el clúster tiene este recurso, Git no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 does not have this resource.</source>
        <translation>%1 no tiene este recurso.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Missing in the cluster</source>
        <translation>Ausente en el clúster</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not in %1</source>
        <translation>No está en %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Git has this resource, the cluster does not.</source>
        <translation>Git tiene este recurso, el clúster no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only %1 has this resource.</source>
        <translation>solo %1 tiene este recurso.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No differences</source>
        <translation>Sin diferencias</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No differences by meaning</source>
        <translation>Sin diferencias de significado</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>the full objects differ in server-set fields (%n change block(s) below).</source>
        <translation>
            <numerusform>los objetos completos difieren en campos que fija el servidor (%n bloque de cambios más abajo).</numerusform>
            <numerusform>los objetos completos difieren en campos que fija el servidor (%n bloques de cambios más abajo).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n change block(s)</source>
        <translation>
            <numerusform>%n bloque de cambios</numerusform>
            <numerusform>%n bloques de cambios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>… and %n more (Next Change, F7, goes through every one)</source>
        <translation>
            <numerusform>… y %n más (Cambio siguiente, F7, los recorre todos)</numerusform>
            <numerusform>… y %n más (Cambio siguiente, F7, los recorre todos)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>added %1</source>
        <translation>añadido %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>removed (was %1)</source>
        <translation>eliminado (era %1)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Secret values are masked: equal values have equal masks.</source>
        <translation>Los valores de los Secret están enmascarados: los valores iguales tienen máscaras iguales.</translation>
    </message>
    <message>
        <location line="+96"/>
        <location line="+67"/>
        <source>Change %1 of %2</source>
        <translation>Cambio %1 de %2</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>No matches</source>
        <translation>Sin coincidencias</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n coincidencia</numerusform>
            <numerusform>%n coincidencias</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Reveal</source>
        <translation>Revelar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the values of %1 in plain text?</source>
        <translation>¿Mostrar los valores de %1 en texto plano?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anyone who can see your screen can read them. They stay revealed for this resource only.</source>
        <translation>Cualquiera que pueda ver su pantalla podrá leerlos. Solo quedan visibles para este recurso.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Ignore This Field…</source>
        <translation>Ignorar este campo…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This line names no field</source>
        <translation>Esta línea no indica ningún campo</translation>
    </message>
</context>
<context>
    <name>driftline::gui::YamlView</name>
    <message>
        <location filename="../src/gui/yamlview.cpp" line="+150"/>
        <source>Select a resource in the tree to see its YAML.</source>
        <translation>Seleccione un recurso en el árbol para ver su YAML.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2 — %3</source>
        <translation>%1 %2 — %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
</context>
<context>
    <name>driftline::kube::ConnectionState</name>
    <message>
        <location filename="../src/kube/connectionstate.cpp" line="+15"/>
        <source>Not configured</source>
        <translation>Sin configurar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected (insecure)</source>
        <translation>Conectado (inseguro)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreachable</source>
        <translation>Inaccesible</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unauthorized</source>
        <translation>No autorizado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forbidden</source>
        <translation>Prohibido</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>TLS verification is switched off for this cluster (insecure-skip-tls-verify): anyone on the network path could impersonate it.</source>
        <translation>La verificación TLS está desactivada para este clúster (insecure-skip-tls-verify): cualquiera en la ruta de red podría suplantarlo.</translation>
    </message>
</context>
<context>
    <name>driftline::kube::CredentialResolver</name>
    <message>
        <location filename="../src/kube/credentialresolver.cpp" line="+34"/>
        <source>cannot read the file: %1</source>
        <translation>no se puede leer el archivo: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the file is too large</source>
        <translation>el archivo es demasiado grande</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>the proxy URL is invalid</source>
        <translation>la URL del proxy no es válida</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>HTTPS proxies are not supported; use an http:// or socks5:// proxy</source>
        <translation>no se admiten proxies HTTPS; use un proxy http:// o socks5://</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the proxy URL must use http, https or socks5</source>
        <translation>la URL del proxy debe usar http, https o socks5</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>the kubeconfig has no current context; choose a context</source>
        <translation>el kubeconfig no tiene contexto actual; elija un contexto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>context “%1” is not defined or is invalid in the kubeconfig</source>
        <translation>el contexto “%1” no está definido o no es válido en el kubeconfig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>context “%1”: cluster “%2” is not defined</source>
        <translation>contexto “%1”: el clúster “%2” no está definido</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>context “%1”: user “%2” is not defined</source>
        <translation>contexto “%1”: el usuario “%2” no está definido</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cluster “%1”</source>
        <translation>clúster “%1”</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>user “%1” uses a legacy auth-provider, which Driftline does not support; use an exec plugin</source>
        <translation>el usuario “%1” usa un auth-provider heredado, que Driftline no admite; use un plugin exec</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>TLS certificate verification is switched off for cluster “%1” (insecure-skip-tls-verify): the server&apos;s identity is not checked</source>
        <translation>la verificación de certificados TLS está desactivada para el clúster “%1” (insecure-skip-tls-verify): no se comprueba la identidad del servidor</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cluster “%1” is reached over plain HTTP: credentials and data travel unencrypted</source>
        <translation>al clúster “%1” se accede por HTTP simple: las credenciales y los datos viajan sin cifrar</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>certificate authority of cluster “%1”</source>
        <translation>autoridad de certificación del clúster “%1”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the certificate authority of cluster “%1” holds no PEM certificate</source>
        <translation>la autoridad de certificación del clúster “%1” no contiene ningún certificado PEM</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>client certificate of user “%1”</source>
        <translation>certificado de cliente del usuario “%1”</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>client key of user “%1”</source>
        <translation>clave de cliente del usuario “%1”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>output of the credential plugin “%1”</source>
        <translation>salida del plugin de credenciales “%1”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the client certificate of user “%1” is not a PEM certificate</source>
        <translation>el certificado de cliente del usuario “%1” no es un certificado PEM</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the client key of user “%1” is not an unencrypted RSA or EC private key in PEM form</source>
        <translation>la clave de cliente del usuario “%1” no es una clave privada RSA o EC sin cifrar en formato PEM</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the client key of user “%1” does not match its certificate</source>
        <translation>la clave de cliente del usuario “%1” no corresponde a su certificado</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>token file of user “%1”</source>
        <translation>archivo de token del usuario “%1”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the token file of user “%1” is empty</source>
        <translation>el archivo de token del usuario “%1” está vacío</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>the credential plugin “%1” of user “%2” needs an interactive terminal (interactiveMode: Always); Driftline cannot run interactive plugins. Log in with the plugin in a terminal first, or configure it for non-interactive use</source>
        <translation>el plugin de credenciales “%1” del usuario “%2” necesita un terminal interactivo (interactiveMode: Always); Driftline no puede ejecutar plugins interactivos. Inicie sesión antes con el plugin en un terminal o configúrelo para uso no interactivo</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the credential plugin “%1” of user “%2” was not found</source>
        <translation>no se encuentra el plugin de credenciales “%1” del usuario “%2”</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>the credential plugin “%1” of user “%2” could not be started: %3</source>
        <translation>no se ha podido iniciar el plugin de credenciales “%1” del usuario “%2”: %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the credential plugin “%1” of user “%2” did not finish within %3 s</source>
        <translation>el plugin de credenciales “%1” del usuario “%2” no terminó en %3 s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>exit code %1</source>
        <translation>código de salida %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it crashed</source>
        <translation>terminó de forma anómala</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the credential plugin “%1” of user “%2” failed (%3)</source>
        <translation>el plugin de credenciales “%1” del usuario “%2” falló (%3)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the credential plugin “%1” of user “%2” returned unusable output: %3</source>
        <translation>el plugin de credenciales “%1” del usuario “%2” devolvió una salida inutilizable: %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not a JSON object</source>
        <translation>no es un objeto JSON</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>kind is not ExecCredential</source>
        <translation>kind no es ExecCredential</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its apiVersion is not the configured %1</source>
        <translation>su apiVersion no es la configurada (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no status</source>
        <translation>no tiene status</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>clientCertificateData and clientKeyData must be given together</source>
        <translation>clientCertificateData y clientKeyData deben indicarse juntos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>neither a token nor a client certificate</source>
        <translation>no hay ni token ni certificado de cliente</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expirationTimestamp is not an RFC 3339 time</source>
        <translation>expirationTimestamp no es una hora RFC 3339</translation>
    </message>
</context>
<context>
    <name>driftline::kube::KubeClient</name>
    <message>
        <location filename="../src/kube/kubeclient.cpp" line="+114"/>
        <source>The cluster answered something that is not a JSON object.</source>
        <translation>El clúster respondió algo que no es un objeto JSON.</translation>
    </message>
    <message>
        <location line="+256"/>
        <source>Cluster %1 does not serve the kind %2 in the API group %3.</source>
        <translation>El clúster %1 no ofrece el kind %2 en el grupo de API %3.</translation>
    </message>
    <message>
        <location line="+291"/>
        <source>The object to create has no apiVersion or kind.</source>
        <translation>El objeto que se va a crear no tiene apiVersion o kind.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The object to %1 has no apiVersion, kind or metadata.name.</source>
        <translation>El objeto que se va a %1 no tiene apiVersion, kind o metadata.name.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>apply</source>
        <translation>aplicar</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>update</source>
        <translation>actualizar</translation>
    </message>
</context>
<context>
    <name>driftline::kube::KubeError</name>
    <message>
        <location filename="../src/kube/kubeerror.cpp" line="+45"/>
        <source>unauthorized: the cluster did not accept the credentials</source>
        <translation>no autorizado: el clúster no aceptó las credenciales</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>forbidden: %1 %2</source>
        <translation>prohibido: %1 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>forbidden: %1 %2: %3</source>
        <translation>prohibido: %1 %2: %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not found: %1</source>
        <translation>no encontrado: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>too many requests: the cluster kept asking to retry later</source>
        <translation>demasiadas solicitudes: el clúster pidió una y otra vez reintentar más tarde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the cluster answered HTTP %1</source>
        <translation>el clúster respondió HTTP %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>certificate not trusted (%1)</source>
        <translation>certificado no fiable (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>certificate does not match the server name (%1)</source>
        <translation>el certificado no coincide con el nombre del servidor (%1)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>TLS handshake with cluster %1 at %2 failed: %3</source>
        <translation>falló la negociación TLS con el clúster %1 en %2: %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot reach cluster %1 at %2: %3</source>
        <translation>No se puede conectar con el clúster %1 en %2: %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cluster %1 at %2 did not answer within %3 ms.</source>
        <translation>El clúster %1 en %2 no respondió en %3 ms.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The request to cluster %1 was cancelled.</source>
        <translation>Se canceló la solicitud al clúster %1.</translation>
    </message>
</context>
<context>
    <name>driftline::kube::KubeWatch</name>
    <message>
        <location filename="../src/kube/kubewatch.cpp" line="+202"/>
        <source>The cluster closed the watch of %1 at once.</source>
        <translation>El clúster cerró de inmediato el watch de %1.</translation>
    </message>
</context>
<context>
    <name>driftline::kube::Kubeconfig</name>
    <message>
        <location filename="../src/kube/kubeconfig.cpp" line="+71"/>
        <source>“%1” must be a string</source>
        <translation>“%1” debe ser una cadena</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>“%1” must be true or false</source>
        <translation>“%1” debe ser true o false</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+7"/>
        <source>“%1” must be a list of strings</source>
        <translation>“%1” debe ser una lista de cadenas</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>“%1” is not valid base64</source>
        <translation>“%1” no es base64 válido</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>“exec” must be a mapping</source>
        <translation>“exec” debe ser un mapa</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>each “env” item needs a name and a value</source>
        <translation>cada elemento de “env” necesita un nombre y un valor</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“env” must be a list of name/value pairs</source>
        <translation>“env” debe ser una lista de pares nombre/valor</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>cannot parse the kubeconfig: %1</source>
        <translation>no se puede analizar el kubeconfig: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a kubeconfig must be a mapping with clusters, users and contexts</source>
        <translation>un kubeconfig debe ser un mapa con clusters, users y contexts</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1” must be a list</source>
        <translation>“%1” debe ser una lista</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>an entry of “%1” has no name</source>
        <translation>una entrada de “%1” no tiene nombre</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cluster “%1” has no “cluster” mapping</source>
        <translation>el clúster “%1” no tiene el mapa “cluster”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cluster “%1” is defined twice; the first one is used</source>
        <translation>el clúster “%1” está definido dos veces; se usa el primero</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cluster “%1”</source>
        <translation>clúster “%1”</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>user “%1” has no “user” mapping</source>
        <translation>el usuario “%1” no tiene el mapa “user”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>user “%1” is defined twice; the first one is used</source>
        <translation>el usuario “%1” está definido dos veces; se usa el primero</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>user “%1”</source>
        <translation>usuario “%1”</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>context “%1” has no “context” mapping</source>
        <translation>el contexto “%1” no tiene el mapa “context”</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>context “%1” is defined twice; the first one is used</source>
        <translation>el contexto “%1” está definido dos veces; se usa el primero</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>context “%1”</source>
        <translation>contexto “%1”</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+179"/>
        <location line="+21"/>
        <source>cannot read the kubeconfig: %1</source>
        <translation>no se puede leer el kubeconfig: %1</translation>
    </message>
    <message>
        <location line="-156"/>
        <source>cluster “%1” has no server</source>
        <translation>el clúster “%1” no tiene servidor</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cluster “%1” has an invalid server URL</source>
        <translation>el clúster “%1” tiene una URL de servidor no válida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cluster “%1” has an invalid server URL “%2”</source>
        <translation>el clúster “%1” tiene una URL de servidor no válida: “%2”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cluster “%1” sets insecure-skip-tls-verify together with a certificate authority; only one is allowed</source>
        <translation>el clúster “%1” define insecure-skip-tls-verify junto con una autoridad de certificación; solo se permite una de las dos cosas</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cluster “%1” has an invalid proxy-url (http, https or socks5 expected)</source>
        <translation>el clúster “%1” tiene un proxy-url no válido (se espera http, https o socks5)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>user “%1” has a client certificate but no client key</source>
        <translation>el usuario “%1” tiene un certificado de cliente pero no una clave de cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user “%1” has a client key but no client certificate</source>
        <translation>el usuario “%1” tiene una clave de cliente pero no un certificado de cliente</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>user “%1” has more than one authentication method (token and basic auth); only one is allowed</source>
        <translation>el usuario “%1” tiene más de un método de autenticación (token y autenticación básica); solo se permite uno</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>user “%1” sets both exec and auth-provider; only one is allowed</source>
        <translation>el usuario “%1” define exec y auth-provider a la vez; solo se permite uno</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>user “%1”: the exec plugin has no command</source>
        <translation>usuario “%1”: el plugin exec no tiene comando</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>user “%1”: exec apiVersion must be client.authentication.k8s.io/v1 or v1beta1</source>
        <translation>usuario “%1”: la apiVersion de exec debe ser client.authentication.k8s.io/v1 o v1beta1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>user “%1”: exec interactiveMode is required for client.authentication.k8s.io/v1</source>
        <translation>usuario “%1”: interactiveMode de exec es obligatorio para client.authentication.k8s.io/v1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>user “%1”: exec interactiveMode must be Never, IfAvailable or Always</source>
        <translation>usuario “%1”: interactiveMode de exec debe ser Never, IfAvailable o Always</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>context “%1” names no cluster</source>
        <translation>el contexto “%1” no indica ningún clúster</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>context “%1” uses cluster “%2”, which is invalid</source>
        <translation>el contexto “%1” usa el clúster “%2”, que no es válido</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>context “%1” names cluster “%2”, which is not defined</source>
        <translation>el contexto “%1” indica el clúster “%2”, que no está definido</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>context “%1” uses user “%2”, which is invalid</source>
        <translation>el contexto “%1” usa el usuario “%2”, que no es válido</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>context “%1” names user “%2”, which is not defined</source>
        <translation>el contexto “%1” indica el usuario “%2”, que no está definido</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>context “%1” has an invalid namespace “%2”</source>
        <translation>el contexto “%1” tiene un namespace no válido: “%2”</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>kubeconfig file not found</source>
        <translation>no se encuentra el archivo kubeconfig</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+21"/>
        <source>the kubeconfig is too large</source>
        <translation>el kubeconfig es demasiado grande</translation>
    </message>
</context>
<context>
    <name>driftline::kube::LiveCache</name>
    <message>
        <location filename="../src/kube/livecache.cpp" line="+55"/>
        <source>No cluster connection.</source>
        <translation>No hay conexión con el clúster.</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>The cluster does not serve %1.</source>
        <translation>El clúster no ofrece %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The cluster cannot list and watch %1.</source>
        <translation>El clúster no permite hacer list y watch de %1.</translation>
    </message>
</context>
<context>
    <name>driftline::main</name>
    <message>
        <location filename="../src/app/main.cpp" line="+91"/>
        <source>Open the demo workspace.</source>
        <translation>Abre el espacio de trabajo de demostración.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the repository at &lt;path&gt;.</source>
        <translation>Abre el repositorio en &lt;ruta&gt;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>path</source>
        <translation>ruta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the repository at &lt;revision&gt;.</source>
        <translation>Lee el repositorio en &lt;revisión&gt;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revision</source>
        <translation>revisión</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Once the workspace has loaded, save the window as a PNG to &lt;file&gt; and exit.</source>
        <translation>Cuando el espacio de trabajo termine de cargarse, guarda la ventana como PNG en &lt;archivo&gt; y sale.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file</source>
        <translation>archivo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the YAML diff panel side by side or unified (this run only): side-by-side or unified.</source>
        <translation>Muestra el panel de diff de YAML lado a lado o unificado (solo en esta ejecución): side-by-side o unified.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mode</source>
        <translation>modo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the Summary, Graph or History tab above the diff panel: summary, graph or history.</source>
        <translation>Mostrar la pestaña Resumen, Grafo o Historial encima del panel de diferencias: summary, graph o history.</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>driftline: --details-tab takes summary, graph or history, not &quot;%1&quot;.
</source>
        <translation>driftline: --details-tab admite summary, graph o history, no &quot;%1&quot;.
</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>tab</source>
        <translation>pestaña</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --screenshot: the tree item to show, an environment (staging) or an application (staging/api).</source>
        <translation>Con --screenshot: el elemento del árbol que se muestra, un entorno (staging) o una aplicación (staging/api).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>item</source>
        <translation>elemento</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Shows what a GitOps repository deploys to each environment.

Commands (run without a window): %1</source>
        <translation>Muestra lo que un repositorio GitOps despliega en cada entorno.

Comandos (se ejecutan sin ventana): %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A repository to open.</source>
        <translation>Un repositorio que abrir.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>driftline: no display (neither DISPLAY nor WAYLAND_DISPLAY is set).
Run it in a desktop session, or render the window headless with
  driftline --screenshot FILE.png [--demo | PATH]
The command-line tools need no display: driftline help
</source>
        <translation>driftline: no hay pantalla (no está definida ni DISPLAY ni WAYLAND_DISPLAY).
Ejecútelo en una sesión de escritorio o renderice la ventana sin pantalla con
  driftline --screenshot ARCHIVO.png [--demo | RUTA]
Las herramientas de línea de comandos no necesitan pantalla: driftline help
</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>driftline: --diff-mode takes side-by-side or unified, not &quot;%1&quot;.
</source>
        <translation>driftline: --diff-mode admite side-by-side o unified, no &quot;%1&quot;.
</translation>
    </message>
</context>
<context>
    <name>driftline::sandbox::SandboxServer</name>
    <message>
        <location filename="../src/sandbox/sandboxserver.cpp" line="+363"/>
        <source>The sandbox certificate could not be loaded.</source>
        <translation>No se ha podido cargar el certificado del sandbox.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The sandbox cannot listen on 127.0.0.1:%1.</source>
        <translation>El sandbox no puede escuchar en 127.0.0.1:%1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sandbox HTTP server could not start.</source>
        <translation>No se ha podido iniciar el servidor HTTP del sandbox.</translation>
    </message>
    <message>
        <location line="+51"/>
        <location line="+6"/>
        <source>Cannot write the sandbox kubeconfig.</source>
        <translation>No se puede escribir el kubeconfig del sandbox.</translation>
    </message>
</context>
<context>
    <name>driftline::sandbox::StorePersistence</name>
    <message>
        <location filename="../src/sandbox/storepersistence.cpp" line="-45"/>
        <source>Cannot write the sandbox state file.</source>
        <translation>No se puede escribir el archivo de estado del sandbox.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>This is not a Driftline sandbox state file.</source>
        <translation>Este no es un archivo de estado del sandbox de Driftline.</translation>
    </message>
</context>
<context>
    <name>driftline::workspace::DefinitionEditor</name>
    <message>
        <location filename="../src/workspace/definitioneditor.cpp" line="+224"/>
        <source>application &apos;%1&apos; is not declared in driftline.yaml (it was found as %2, %3); Driftline writes rules only to driftline.yaml</source>
        <translation>la aplicación &apos;%1&apos; no está declarada en driftline.yaml (se detectó como %2, %3); Driftline solo escribe reglas en driftline.yaml</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the rule names no field</source>
        <translation>la regla no indica ningún campo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>JSON pointer &apos;%1&apos; must start with &apos;/&apos;</source>
        <translation>el puntero JSON &apos;%1&apos; debe empezar por &apos;/&apos;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>application &apos;%1&apos; in &apos;%2&apos; is not declared in this driftline.yaml, which has errors: %3</source>
        <translation>la aplicación &apos;%1&apos; de &apos;%2&apos; no está declarada en este driftline.yaml, que tiene errores: %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>application &apos;%1&apos; in &apos;%2&apos; is not declared in this driftline.yaml</source>
        <translation>la aplicación &apos;%1&apos; de &apos;%2&apos; no está declarada en este driftline.yaml</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is already ignored for application &apos;%2&apos;</source>
        <translation>%1 ya se ignora para la aplicación &apos;%2&apos;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the entry of application &apos;%1&apos; is not on line %2</source>
        <translation>la entrada de la aplicación &apos;%1&apos; no está en la línea %2</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+9"/>
        <source>application &apos;%1&apos; is written in flow style { … }; add the rule by hand</source>
        <translation>la aplicación &apos;%1&apos; está escrita en estilo flow { … }; añada la regla a mano</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>cannot find the keys of application &apos;%1&apos; on line %2</source>
        <translation>no se encuentran las claves de la aplicación &apos;%1&apos; en la línea %2</translation>
    </message>
    <message>
        <location line="+78"/>
        <location line="+28"/>
        <source>ignoreDifferences of application &apos;%1&apos; is not a list</source>
        <translation>el ignoreDifferences de la aplicación &apos;%1&apos; no es una lista</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>ignoreDifferences of application &apos;%1&apos; is a [ … ] list spanning several lines; add the rule by hand or write the list one item per line</source>
        <translation>el ignoreDifferences de la aplicación &apos;%1&apos; es una lista [ … ] que ocupa varias líneas; añada la regla a mano o escriba la lista con un elemento por línea</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>adding the rule to application &apos;%1&apos; would change the file&apos;s meaning (%2); nothing was written</source>
        <translation>añadir la regla a la aplicación &apos;%1&apos; cambiaría el significado del archivo (%2); no se ha escrito nada</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>adding the rule to application &apos;%1&apos; would make the file invalid: %2; nothing was written</source>
        <translation>añadir la regla a la aplicación &apos;%1&apos; haría que el archivo dejara de ser válido: %2; no se ha escrito nada</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the environments differ</source>
        <translation>los entornos difieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the number of applications differs</source>
        <translation>el número de aplicaciones difiere</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>application &apos;%1&apos; differs</source>
        <translation>la aplicación &apos;%1&apos; difiere</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the rules of application &apos;%1&apos; differ</source>
        <translation>las reglas de la aplicación &apos;%1&apos; difieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the new rule does not read back as written in &apos;%1&apos;</source>
        <translation>la nueva regla no se lee tal como se escribió en &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>application &apos;%1&apos; is gone</source>
        <translation>la aplicación &apos;%1&apos; ha desaparecido</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>there is no driftline.yaml in %1; Driftline writes rules only to a workspace&apos;s driftline.yaml</source>
        <translation>no hay ningún driftline.yaml en %1; Driftline solo escribe reglas en el driftline.yaml de un espacio de trabajo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the repository (it has no working tree)</source>
        <translation>el repositorio (no tiene árbol de trabajo)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot read %1: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+2"/>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>driftline::workspace::Discovery</name>
    <message>
        <location filename="../src/workspace/discovery.cpp" line="+140"/>
        <source>Argo CD Application %1 has no source path; skipped</source>
        <translation>La Application de Argo CD %1 no tiene ruta de origen; se omite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Argo CD Application %1 installs the chart %2 from %3, not a folder of this repository; skipped</source>
        <translation>La Application de Argo CD %1 instala el chart %2 desde %3, no una carpeta de este repositorio; se omite</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Argo CD Application %1: the path &apos;%2&apos; is outside the repository; skipped</source>
        <translation>Application de Argo CD %1: la ruta &apos;%2&apos; está fuera del repositorio; se omite</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Argo CD Application %1: the path &apos;%2&apos; is not in this repository at this revision (its source is %3)</source>
        <translation>Application de Argo CD %1: la ruta &apos;%2&apos; no está en este repositorio en esta revisión (su origen es %3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unset</source>
        <translation>sin definir</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Flux Kustomization %1: the path &apos;%2&apos; is outside the repository; skipped</source>
        <translation>Kustomization de Flux %1: la ruta &apos;%2&apos; está fuera del repositorio; se omite</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Flux Kustomization %1: the path &apos;%2&apos; is not in this repository at this revision</source>
        <translation>Kustomization de Flux %1: la ruta &apos;%2&apos; no está en este repositorio en esta revisión</translation>
    </message>
    <message>
        <location line="+235"/>
        <source>application %1 in environment %2 is defined twice (first at %3); the second is ignored</source>
        <translation>la aplicación %1 del entorno %2 está definida dos veces (primero en %3); se ignora la segunda</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>application %1 in %2: the path &apos;%3&apos; does not exist at this revision</source>
        <translation>aplicación %1 en %2: la ruta &apos;%3&apos; no existe en esta revisión</translation>
    </message>
</context>
<context>
    <name>driftline::workspace::DiscoveryRule</name>
    <message>
        <location filename="../src/workspace/workspace.cpp" line="+12"/>
        <source>declared in driftline.yaml</source>
        <translation>declarada en driftline.yaml</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Argo CD Application</source>
        <translation>Application de Argo CD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flux Kustomization</source>
        <translation>Kustomization de Flux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>overlays folder</source>
        <translation>carpeta overlays</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>environments folder</source>
        <translation>carpeta environments</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>folder of manifests</source>
        <translation>carpeta de manifiestos</translation>
    </message>
</context>
<context>
    <name>driftline::workspace::HelmRenderer</name>
    <message>
        <location filename="../src/workspace/helmrenderer.cpp" line="+85"/>
        <location line="+21"/>
        <source>helm is not installed; cannot render the chart in %1</source>
        <translation>helm no está instalado; no se puede renderizar el chart de %1</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>cannot create a temporary folder: %1</source>
        <translation>no se puede crear una carpeta temporal: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 took longer than %2 s; stopped</source>
        <translation>%1 tardó más de %2 s; se ha detenido</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 failed (exit code %2)</source>
        <translation>%1 falló (código de salida %2)</translation>
    </message>
</context>
<context>
    <name>driftline::workspace::KustomizeRenderer</name>
    <message>
        <location filename="../src/workspace/kustomizerenderer.cpp" line="+302"/>
        <location line="+25"/>
        <source>kustomize is not installed; cannot build the kustomization in %1</source>
        <translation>kustomize no está instalado; no se puede construir la kustomization de %1</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>cannot create a temporary folder: %1</source>
        <translation>no se puede crear una carpeta temporal: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 took longer than %2 s; stopped</source>
        <translation>%1 tardó más de %2 s; se ha detenido</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 failed (exit code %2)</source>
        <translation>%1 falló (código de salida %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 does not exist</source>
        <translation>%1 no existe</translation>
    </message>
</context>
<context>
    <name>driftline::workspace::PlainRenderer</name>
    <message>
        <location filename="../src/workspace/plainrenderer.cpp" line="+73"/>
        <source>file is %1 MB, over the %2 MB limit for a manifest; not read</source>
        <translation>el archivo ocupa %1 MB, más que el límite de %2 MB para un manifiesto; no se lee</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>symlink to %1 points outside the repository; refused</source>
        <translation>el enlace simbólico a %1 apunta fuera del repositorio; se rechaza</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>too many levels of symlinks; refused</source>
        <translation>demasiados niveles de enlaces simbólicos; se rechaza</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>symlink target %1 does not exist</source>
        <translation>el destino del enlace simbólico, %1, no existe</translation>
    </message>
</context>
<context>
    <name>driftline::workspace::Renderer</name>
    <message>
        <location filename="../src/workspace/renderer.cpp" line="+118"/>
        <source>%1 is declared twice: at %2 and at %3</source>
        <translation>%1 está declarado dos veces: en %2 y en %3</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+10"/>
        <source>%1 does not exist at commit %2</source>
        <translation>%1 no existe en el commit %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>cannot create a folder for %1</source>
        <translation>no se puede crear una carpeta para %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>render %1</source>
        <translation>renderizar %1</translation>
    </message>
</context>
<context>
    <name>driftline::workspace::WorkspaceDefinition</name>
    <message>
        <location filename="../src/workspace/workspacedefinition.cpp" line="+270"/>
        <source>invalid YAML: %1</source>
        <translation>YAML no válido: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the file is empty; it should declare environments and applications</source>
        <translation>el archivo está vacío; debería declarar entornos y aplicaciones</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the file must be a map with the keys version, environments and applications</source>
        <translation>el archivo debe ser un mapa con las claves version, environments y applications</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the top level</source>
        <translation>el nivel superior</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unsupported version &apos;%1&apos;; this Driftline reads version 1</source>
        <translation>versión &apos;%1&apos; no admitida; esta versión de Driftline lee la versión 1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>environments must be a list</source>
        <translation>environments debe ser una lista</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>each environment must be a map with at least a name</source>
        <translation>cada entorno debe ser un mapa con al menos un nombre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>an environment</source>
        <translation>un entorno</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>an environment has no name</source>
        <translation>un entorno no tiene nombre</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>environment name &apos;%1&apos; may not hold &apos;/&apos;, spaces or braces</source>
        <translation>el nombre de entorno &apos;%1&apos; no puede contener &apos;/&apos;, espacios ni llaves</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>environment &apos;%1&apos; is declared twice (first on line %2)</source>
        <translation>el entorno &apos;%1&apos; está declarado dos veces (primero en la línea %2)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>applications must be a list</source>
        <translation>applications debe ser una lista</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>each application must be a map with at least a name and a path</source>
        <translation>cada aplicación debe ser un mapa con al menos un nombre y una ruta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>an application</source>
        <translation>una aplicación</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>an application has no name</source>
        <translation>una aplicación no tiene nombre</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>application &apos;%1&apos; is declared twice (first on line %2)</source>
        <translation>la aplicación &apos;%1&apos; está declarada dos veces (primero en la línea %2)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>application &apos;%1&apos; names the unknown environment &apos;%2&apos;; declared environments: %3</source>
        <translation>la aplicación &apos;%1&apos; indica el entorno desconocido &apos;%2&apos;; entornos declarados: %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>overrides must be a map from environment names to settings</source>
        <translation>overrides debe ser un mapa de nombres de entorno a ajustes</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>override for the unknown environment &apos;%1&apos;; declared environments: %2</source>
        <translation>override para el entorno desconocido &apos;%1&apos;; entornos declarados: %2</translation>
    </message>
    <message>
        <location line="-344"/>
        <location line="+351"/>
        <source>key &apos;%1&apos; appears twice in %2 (first on line %3)</source>
        <translation>la clave &apos;%1&apos; aparece dos veces en %2 (primero en la línea %3)</translation>
    </message>
    <message>
        <location line="-363"/>
        <source>a key in %1 is not a plain name</source>
        <translation>una clave de %1 no es un nombre simple</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown key &apos;%1&apos; in %2; allowed keys: %3</source>
        <translation>clave desconocida &apos;%1&apos; en %2; claves permitidas: %3</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 must be a text value</source>
        <translation>%1 debe ser un valor de texto</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 must be true or false</source>
        <translation>%1 debe ser true o false</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+59"/>
        <source>%1 must be a list</source>
        <translation>%1 debe ser una lista</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>the items of %1 must be text values</source>
        <translation>los elementos de %1 deben ser valores de texto</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>application &apos;%1&apos; has an empty path; use &apos;.&apos; for the repository root</source>
        <translation>la aplicación &apos;%1&apos; tiene una ruta vacía; use &apos;.&apos; para la raíz del repositorio</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>path &apos;%1&apos; of application &apos;%2&apos; has the unknown placeholder %3; only {environment} is replaced</source>
        <translation>la ruta &apos;%1&apos; de la aplicación &apos;%2&apos; tiene el marcador desconocido %3; solo se sustituye {environment}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>path &apos;%1&apos; of application &apos;%2&apos; is absolute; paths are relative to the repository root</source>
        <translation>la ruta &apos;%1&apos; de la aplicación &apos;%2&apos; es absoluta; las rutas son relativas a la raíz del repositorio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>path &apos;%1&apos; of application &apos;%2&apos; leaves the repository through &apos;..&apos;</source>
        <translation>la ruta &apos;%1&apos; de la aplicación &apos;%2&apos; sale del repositorio a través de &apos;..&apos;</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>each ignoreDifferences entry must be a map</source>
        <translation>cada entrada de ignoreDifferences debe ser un mapa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>an ignoreDifferences entry</source>
        <translation>una entrada de ignoreDifferences</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>an ignoreDifferences entry needs jsonPointers</source>
        <translation>una entrada de ignoreDifferences necesita jsonPointers</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>JSON pointer &apos;%1&apos; must start with &apos;/&apos;</source>
        <translation>el puntero JSON &apos;%1&apos; debe empezar por &apos;/&apos;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>JSON pointer &apos;%1&apos; has a &apos;~&apos; that is not followed by 0 or 1</source>
        <translation>el puntero JSON &apos;%1&apos; tiene una &apos;~&apos; que no va seguida de 0 ni de 1</translation>
    </message>
    <message>
        <location line="+213"/>
        <source>overrides</source>
        <translation>overrides</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the override for &apos;%1&apos; must be a map of path, namespace and revision</source>
        <translation>el override de &apos;%1&apos; debe ser un mapa con path, namespace y revision</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>an override</source>
        <translation>un override</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>application &apos;%1&apos; has an override for &apos;%2&apos; but is not deployed there</source>
        <translation>la aplicación &apos;%1&apos; tiene un override para &apos;%2&apos;, pero no se despliega allí</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>application &apos;%1&apos; has no path</source>
        <translation>la aplicación &apos;%1&apos; no tiene ruta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>application &apos;%1&apos; has no path for the environments %2</source>
        <translation>la aplicación &apos;%1&apos; no tiene ruta para los entornos %2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>cannot read the file: %1</source>
        <translation>no se puede leer el archivo: %1</translation>
    </message>
</context>
</TS>
