# coffer_add_test(NAME tst_x SOURCES a.cpp LIBS coffer_s3 [LABELS core] [ENVIRONMENT K=V ...]
#                 [WRAPPER script] [TIMEOUT s])
# One Qt Test class per executable. Core tests link only what they test.
function(coffer_add_test)
    cmake_parse_arguments(T "" "NAME;WRAPPER;TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT" ${ARGN})
    if(NOT COFFER_BUILD_TESTS)
        return()
    endif()
    qt_add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE coffer_settings Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE
        COFFER_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        COFFER_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
    set_target_properties(${T_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/tests")
    if(T_WRAPPER)
        add_test(NAME ${T_NAME} COMMAND ${T_WRAPPER} $<TARGET_FILE:${T_NAME}>)
    else()
        add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    endif()
    if(NOT T_LABELS)
        set(T_LABELS core)
    endif()
    if("core" IN_LIST T_LABELS)
        set_property(GLOBAL APPEND PROPERTY COFFER_CORE_TESTS ${T_NAME})
    endif()
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES
        LABELS "${T_LABELS}"
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan.supp:print_suppressions=0;${T_ENVIRONMENT}")
endfunction()

# coffer_add_fuzzer(NAME fuzz_x SOURCES a.cpp LIBS coffer_s3 CORPUS dir [SECONDS n])
# A libFuzzer target, plus a CTest entry (label "fuzz") that runs it briefly from its
# seed corpus. New inputs go to a scratch directory, never into the checkout.
function(coffer_add_fuzzer)
    cmake_parse_arguments(F "" "NAME;CORPUS;SECONDS" "SOURCES;LIBS" ${ARGN})
    if(NOT COFFER_FUZZ)
        return()
    endif()
    if(NOT F_SECONDS)
        set(F_SECONDS 30)
    endif()
    add_executable(${F_NAME} ${F_SOURCES})
    target_link_libraries(${F_NAME} PRIVATE coffer_settings ${F_LIBS})
    target_compile_options(${F_NAME} PRIVATE -fsanitize=fuzzer)
    target_link_options(${F_NAME} PRIVATE -fsanitize=fuzzer)
    set_target_properties(${F_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/fuzz")
    set(scratch "${PROJECT_BINARY_DIR}/fuzz/${F_NAME}-new")
    add_test(NAME ${F_NAME}
        COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen
            sh -c "rm -rf '${scratch}' && mkdir -p '${scratch}' && exec \"$0\" -max_total_time=${F_SECONDS} -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 '${scratch}' '${F_CORPUS}'"
            $<TARGET_FILE:${F_NAME}>)
    set_tests_properties(${F_NAME} PROPERTIES LABELS fuzz TIMEOUT 600
        ENVIRONMENT "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan.supp:print_suppressions=0")
endfunction()

# A test that proves the layering on the binaries themselves: no core test may load Qt Widgets.
function(coffer_add_headless_check)
    get_property(core_tests GLOBAL PROPERTY COFFER_CORE_TESTS)
    if(NOT core_tests)
        return()
    endif()
    set(files "")
    foreach(t IN LISTS core_tests)
        list(APPEND files "$<TARGET_FILE:${t}>")
    endforeach()
    add_test(NAME core_links_no_widgets
        COMMAND "${PROJECT_SOURCE_DIR}/tests/check-no-widgets.sh" ${files})
    set_tests_properties(core_links_no_widgets PROPERTIES LABELS core)
endfunction()
