@echo off
rem Runs the tapdeck command from a checkout on Windows, like ./tapdeck: finds a JDK 25 or newer,
rem builds the runnable jar on first use, then starts it. Extra JVM options go in
rem TAPDECK_JAVA_OPTS. The jar is built only when missing; after pulling new code, run
rem mvnw.cmd -DskipTests package (or delete app\target\tapdeck.jar) to rebuild it.
setlocal EnableExtensions DisableDelayedExpansion

set "TAPDECK_ROOT=%~dp0"
set "TAPDECK_ROOT=%TAPDECK_ROOT:~0,-1%"
set "TAPDECK_JAR=%TAPDECK_ROOT%\app\target\tapdeck.jar"
set "FOUND_HOME="
set "FOUND_KEY=0"

rem 1. JAVA_HOME wins when it is new enough.
if defined JAVA_HOME call :consider "%JAVA_HOME%"
if defined FOUND_HOME goto found

rem 2. The java on PATH, asked for its own java.home.
for /f "tokens=1,* delims==" %%A in ('java -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.home = "') do call :consider_trimmed "%%B"
if defined FOUND_HOME goto found

rem 3. The usual install folders; the newest JDK wins.
for /d %%D in ("%ProgramFiles%\Eclipse Adoptium\jdk-*" "%ProgramFiles%\Java\jdk-*" "%ProgramFiles%\Microsoft\jdk-*") do call :consider "%%~fD"
if defined FOUND_HOME goto found

echo tapdeck: needs a JDK 25 or newer, and found none. 1>&2
echo   Looked at JAVA_HOME, the java on PATH and %ProgramFiles%\{Eclipse Adoptium,Java,Microsoft}\jdk-*. 1>&2
echo   Install a JDK 25, for example Eclipse Temurin 25 (winget install EclipseAdoptium.Temurin.25.JDK), 1>&2
echo   then point JAVA_HOME at it in a new console: setx JAVA_HOME "C:\path\to\jdk-25" 1>&2
exit /b 1

:found
if exist "%TAPDECK_JAR%" goto run
echo tapdeck: building the runnable jar (first run, about a minute)... 1>&2
set "TAPDECK_LOG=%TEMP%\tapdeck-build-%RANDOM%%RANDOM%.log"
pushd "%TAPDECK_ROOT%"
set "JAVA_HOME=%FOUND_HOME%"
call mvnw.cmd -q -B -DskipTests package >"%TAPDECK_LOG%" 2>&1 <nul
set "BUILD_RC=%ERRORLEVEL%"
popd
if not "%BUILD_RC%"=="0" goto build_failed
del "%TAPDECK_LOG%" >nul 2>&1
if exist "%TAPDECK_JAR%" goto run
echo tapdeck: the build succeeded but did not produce %TAPDECK_JAR%. 1>&2
exit /b 1

:build_failed
type "%TAPDECK_LOG%" 1>&2
echo tapdeck: the build failed (output above, also kept in %TAPDECK_LOG%). 1>&2
exit /b 1

:run
rem -XX:FreqInlineSize=100: see the tapdeck script; a one-shot command warms up sooner.
"%FOUND_HOME%\bin\java.exe" --enable-native-access=ALL-UNNAMED -XX:FreqInlineSize=100 %TAPDECK_JAVA_OPTS% -jar "%TAPDECK_JAR%" %*
exit /b %ERRORLEVEL%

rem Strips the blanks java -XshowSettings puts before a value, then considers it.
:consider_trimmed
for /f "tokens=*" %%T in ("%~1") do call :consider "%%T"
exit /b 0

rem Considers the JDK at %1 by the version in its release file: remembers it when it is a JDK
rem (has javac) of version 25 or newer and newer than the best found so far.
:consider
set "C_HOME=%~1"
if "%C_HOME:~-1%"=="\" set "C_HOME=%C_HOME:~0,-1%"
if not exist "%C_HOME%\bin\java.exe" exit /b 0
if not exist "%C_HOME%\bin\javac.exe" exit /b 0
if not exist "%C_HOME%\release" exit /b 0
set "C_VERSION="
for /f "usebackq tokens=1,* delims==" %%A in ("%C_HOME%\release") do if "%%A"=="JAVA_VERSION" set "C_VERSION=%%~B"
if not defined C_VERSION exit /b 0
set "C_MAJOR=" & set "C_MINOR=" & set "C_PATCH="
for /f "tokens=1-3 delims=.-+_" %%A in ("%C_VERSION%") do (set "C_MAJOR=%%A" & set "C_MINOR=%%B" & set "C_PATCH=%%C")
rem Non-numbers and missing parts count as 0 in set /a.
set "C_KEY=0"
set /a C_KEY=C_MAJOR*1000000+C_MINOR*1000+C_PATCH >nul 2>&1
if %C_KEY% LSS 25000000 exit /b 0
if %C_KEY% LEQ %FOUND_KEY% exit /b 0
set "FOUND_HOME=%C_HOME%"
set "FOUND_KEY=%C_KEY%"
exit /b 0
