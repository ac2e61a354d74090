# driftline_add_module(<name> SOURCES ... [PUBLIC_LIBS ...] [PRIVATE_LIBS ...])
# One static library per module folder; the folder is its public include root
# (headers are included as "core/resource.h").
function(driftline_add_module name)
    cmake_parse_arguments(M "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
    add_library(driftline_${name} STATIC ${M_SOURCES})
    target_include_directories(driftline_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(driftline_${name} PUBLIC ${M_PUBLIC_LIBS} PRIVATE ${M_PRIVATE_LIBS})
endfunction()

# driftline_add_test(<module> <name> [SOURCES ...] [LIBS ...])
# One Qt Test executable per tests/<module>/tst_<name>.cpp, registered with CTest.
function(driftline_add_test module name)
    cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
    set(target tst_${module}_${name})
    add_executable(${target} tst_${name}.cpp ${T_SOURCES})
    target_link_libraries(${target} PRIVATE Qt6::Test driftline_testsupport ${T_LIBS})
    set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
    add_test(NAME ${module}/${name} COMMAND ${target})
    set_tests_properties(${module}/${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8;LANGUAGE=en"
        LABELS ${module})
endfunction()
