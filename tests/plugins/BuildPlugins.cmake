# Test fixture (tests/CMakeLists.txt): installs the plugin SDK from the build into BUILD/sdk,
# then builds, from that SDK alone, the example plugin plugins/examples/itemknn into
# BUILD/test-plugins/example and the refused plugins of tests/plugins into
# BUILD/test-plugins/refused, as a plugin author outside this tree would. Last, the folders
# `vaecf plugin new` scaffolds (a model and a dataset format) build and pass their own tests.
#   cmake -DSOURCE=<repo> -DBUILD=<build dir> -DVAECF=<vaecf program> -P BuildPlugins.cmake
foreach(variable SOURCE BUILD VAECF)
  if(NOT ${variable})
    message(FATAL_ERROR "BuildPlugins.cmake needs -D${variable}=")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}")
  endif()
endfunction()

set(sdk ${BUILD}/test-plugins/sdk)
run(${CMAKE_COMMAND} --install ${BUILD} --component dev --prefix ${sdk})
foreach(project IN ITEMS "example;plugins/examples/itemknn" "refused;tests/plugins")
  list(GET project 0 name)
  list(GET project 1 folder)
  run(${CMAKE_COMMAND} -S ${SOURCE}/${folder} -B ${BUILD}/test-plugins/${name} -G Ninja
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${sdk})
  run(${CMAKE_COMMAND} --build ${BUILD}/test-plugins/${name})
endforeach()

set(scaffold ${BUILD}/test-plugins/scaffold)
file(REMOVE_RECURSE ${scaffold})
file(MAKE_DIRECTORY ${scaffold})
foreach(kind IN ITEMS model format)
  set(plugin ${scaffold}/first${kind})
  run(${VAECF} plugin new first${kind} --kind ${kind} --dir ${scaffold})
  run(${CMAKE_COMMAND} -S ${plugin} -B ${plugin}/build -G Ninja -DCMAKE_BUILD_TYPE=Release
      -DCMAKE_PREFIX_PATH=${sdk} -DVAECF_PROGRAM=${VAECF})
  run(${CMAKE_COMMAND} --build ${plugin}/build)
  run(${CMAKE_CTEST_COMMAND} --test-dir ${plugin}/build --output-on-failure)
endforeach()
